/**
 * `npm run try:jekyll -- <Jekyll site> [--scratch <dir>]`
 *
 * Tries a move before making it: copies this project to a scratch folder (never touching
 * `content/posts/` here), imports the Jekyll site into the copy, builds it twice (cold, then
 * warm) and prints what an author would have to look at: the import's warnings, each build's
 * time and outcome, and every finding of `npm run check` per essay. Nothing is written outside
 * the scratch folder, which is kept for a look at `dist/` (`npx serve <scratch>/dist`, say).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importJekyll } from './jekyll/import.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { scratch: { type: 'string' } } });
if (positionals.length !== 1) {
  process.stderr.write('Usage: npm run try:jekyll -- <path to a Jekyll site> [--scratch <dir>]\n');
  process.exit(2);
}
const source = path.resolve(positionals[0]!);
const project = process.cwd();
const scratch = path.resolve(values.scratch ?? path.join(tmpdir(), `quire-try-${path.basename(source)}`));

/** What the copy leaves behind: the author's own essays, builds, caches and git history. */
const NOT_COPIED = new Set(['node_modules', 'dist', '.git', '.astro']);

rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
for (const entry of readdirSync(project)) {
  if (NOT_COPIED.has(entry) || entry.startsWith('.dist-')) continue;
  cpSync(path.join(project, entry), path.join(scratch, entry), { recursive: true });
}
rmSync(path.join(scratch, 'content', 'posts'), { recursive: true, force: true });
// Packages are linked one by one, so that the copy's caches (node_modules/.astro) are its own.
mkdirSync(path.join(scratch, 'node_modules'));
for (const entry of readdirSync(path.join(project, 'node_modules'))) {
  if (entry === '.astro') continue;
  symlinkSync(path.join(project, 'node_modules', entry), path.join(scratch, 'node_modules', entry));
}

const report = importJekyll({
  source,
  outDir: path.join(scratch, 'content', 'posts'),
  publicDir: path.join(scratch, 'public'),
  cwd: scratch,
});
const importWarnings = report.warnings.reduce((total, entry) => total + entry.messages.length, 0);
console.log(`Imported ${report.converted.length} posts from ${source} (${report.skipped.length} skipped, ${importWarnings} import warnings, ${report.copied.length} files copied) into ${scratch}`);
for (const { file, messages } of report.warnings) for (const message of messages) console.log(`  import: ${file}: ${message}`);

/** Runs an npm script in the copy; its output is kept in `<scratch>/<name>.log`. */
function run(name: string, args: string[]) {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: scratch, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 1 << 28 });
  const seconds = (performance.now() - started) / 1000;
  const output = `${result.stdout}${result.stderr}`;
  writeFileSync(path.join(scratch, `${name}.log`), output);
  return { ok: result.status === 0, seconds, output };
}

const cold = run('build-cold', ['scripts/build.ts']);
const warm = run('build-warm', ['scripts/build.ts']);
console.log(`Build, cold: ${cold.ok ? 'built' : 'FAILED'} in ${cold.seconds.toFixed(1)} s; warm: ${warm.ok ? 'built' : 'FAILED'} in ${warm.seconds.toFixed(1)} s (logs: ${scratch}/build-*.log)`);
if (!cold.ok) console.log(cold.output.split('\n').slice(-30).join('\n'));

const check = run('check', ['scripts/check.ts', '--content-only']);
const lines = check.output.split('\n').filter((line) => /^content\/posts\/\S+:\d+:\d+ {2}/.test(line));
const byEssay = new Map<string, { errors: number; warnings: number }>();
const byKind = new Map<string, number>();
for (const line of lines) {
  const [, file, warning, message] = /^(\S+?):\d+:\d+ {2}(warning: )?(.*)$/.exec(line)!;
  const counts = byEssay.get(file!) ?? { errors: 0, warnings: 0 };
  if (warning) counts.warnings++;
  else counts.errors++;
  byEssay.set(file!, counts);
  const kind = `${warning ? 'warning' : 'error'}: ${kindOf(message!)}`;
  byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
}
console.log(`\nnpm run check: ${lines.length} findings in ${byEssay.size} of ${report.converted.length} essays`);
for (const [file, counts] of [...byEssay].sort()) console.log(`  ${file}: ${counts.errors} errors, ${counts.warnings} warnings`);
console.log('\nBy kind:');
for (const [kind, count] of [...byKind].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(4)}  ${kind}`);
console.log(`\nEvery finding: ${path.join(scratch, 'check.log')}`);
if (!existsSync(path.join(scratch, 'dist'))) process.exitCode = 1;

/** The message without what is particular to one occurrence (quoted text, URLs, numbers). */
function kindOf(message: string): string {
  return message
    .replace(/`[^`]*`/g, '`…`')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\(looked for [^)]*\)/, '')
    .replace(/\d+/g, 'N')
    .slice(0, 90);
}
