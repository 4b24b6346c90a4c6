/**
 * `npm run bench -- <mode>`: one entry point for the project's measurements. Each mode lives
 * in its own module and is loaded only when asked for; add a mode by adding a line here.
 * Runs on Node 24 directly (type stripping): erasable TypeScript only, `.ts` in imports.
 */
const MODES: Record<string, { describe: string; run: (args: string[]) => Promise<void> }> = {
  '--weight': {
    describe: 'bytes Chromium fetches for the home page and the seed essay (HTML, CSS, JS, fonts, images; raw and gzip)',
    run: async (args) => (await import('./weight.ts')).benchWeight(args),
  },
};

const args = process.argv.slice(2);
const mode = args.find((arg) => arg in MODES);
if (!mode) {
  console.error(`usage: npm run bench -- <mode>\n${Object.entries(MODES).map(([flag, m]) => `  ${flag.padEnd(10)} ${m.describe}`).join('\n')}`);
  process.exit(args.length === 0 ? 0 : 1);
}
await MODES[mode]!.run(args.filter((arg) => arg !== mode));
