/**
 * `npm run build`: builds the site into a fresh folder beside `dist/` and swaps it in only when
 * the whole build succeeded, so a failed build never leaves a half-written or missing site.
 * Content errors are printed as compiler-style lines, without a stack trace.
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'astro';
import { ContentError } from '../src/diagnostics.ts';

const root = process.cwd();
const dist = path.join(root, 'dist');
const staging = path.join(root, `.dist-building-${process.pid}`);
const retired = path.join(root, `.dist-previous-${process.pid}`);

process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
removeAbandonedBuilds();

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

/**
 * A build that was killed (`kill -9`, a closed laptop) leaves its folder behind; one whose
 * process is gone is removed, and one still running (another build) is left alone.
 */
function removeAbandonedBuilds(): void {
  for (const entry of readdirSync(root)) {
    const match = /^\.dist-(?:building|previous)-(\d+)$/.exec(entry);
    if (match && !isRunning(Number(match[1]))) rmSync(path.join(root, entry), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
