/**
 * `npm run build`: builds the site into a fresh folder beside `dist/` and swaps it in only when
 * the whole build succeeded, so a failed build never leaves a half-written or missing site.
 * Content errors are printed as compiler-style lines, without a stack trace.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'astro';
import { ContentError } from '../src/lib/content-errors.ts';

const root = process.cwd();
const dist = path.join(root, 'dist');
const staging = path.join(root, `.dist-building-${process.pid}`);
const retired = path.join(root, `.dist-previous-${process.pid}`);

process.env.ASTRO_TELEMETRY_DISABLED ??= '1';

try {
  await build({ root, outDir: staging, logLevel: 'warn' });
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  process.stderr.write(`\n${describeFailure(error)}\n\nBuild failed; dist/ was left as it was.\n`);
  process.exit(1);
}

if (existsSync(dist)) renameSync(dist, retired);
renameSync(staging, dist);
rmSync(retired, { recursive: true, force: true });
console.log(`Built ${path.relative(root, dist)}/`);

/** What went wrong, in the author's terms when it was their content. */
function describeFailure(error: unknown): string {
  const contentError = findContentError(error);
  if (contentError) return contentError.lines.join('\n');
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function findContentError(error: unknown): ContentError | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof ContentError || current.name === 'ContentError') return current as ContentError;
  }
  return undefined;
}
