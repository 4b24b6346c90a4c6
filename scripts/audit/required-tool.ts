/**
 * The browser and Java checks need programs that are not npm packages. On CI a missing one is a
 * failure (the checks must not silently stop running); on a developer's machine the checks are
 * skipped, with one line loud enough to notice in the test output.
 */
export function requireTool(tool: string, location: string | undefined, howToGetIt: string): boolean {
  if (location) return true;
  const message = `${tool} not found: ${howToGetIt}`;
  if (process.env.CI) throw new Error(`${message} (required under CI)`);
  console.warn(`\n!!!!! SKIPPING ${tool.toUpperCase()} CHECKS — ${message} !!!!!\n`);
  return false;
}
