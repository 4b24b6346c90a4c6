/**
 * `npm run build`: builds the site into a fresh folder beside `dist/` and swaps it in only when
 * the whole build succeeded, so a failed build never leaves a half-written or missing site.
 * Content errors are printed as compiler-style lines, without a stack trace. On a terminal a
 * status line shows the phase, counts and what is left; in CI or a log, one line per phase
 * (scripts/build/progress.ts); either way it ends with one summary line.
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'astro';
import { listenToBuildWork } from '../src/build-progress.ts';
import { ContentError } from '../src/diagnostics.ts';
import { buildProgressIntegration } from './build/astro-progress.ts';
import { BuildProgress, isInteractive } from './build/progress.ts';

const root = process.cwd();
const dist = path.join(root, 'dist');
const staging = path.join(root, `.dist-building-${process.pid}`);
const retired = path.join(root, `.dist-previous-${process.pid}`);

process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
removeAbandonedBuilds();

const progress = new BuildProgress({ stdout: process.stdout, stderr: process.stderr, interactive: isInteractive(process.stdout, process.env) });
listenToBuildWork((work, update) => progress.add(work, update));

try {
  await build({ root, outDir: staging, logLevel: 'warn', integrations: [buildProgressIntegration(progress)] });
} catch (error) {
  progress.stop();
  rmSync(staging, { recursive: true, force: true });
  process.stderr.write(`\n${describeFailure(error)}\n\nBuild failed; dist/ was left as it was.\n`);
  process.exit(1);
}

progress.finish();
listenToBuildWork(undefined);
if (existsSync(dist)) renameSync(dist, retired);
renameSync(staging, dist);
rmSync(retired, { recursive: true, force: true });
console.log(progress.summary(`Built ${path.relative(root, dist)}/`));

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
