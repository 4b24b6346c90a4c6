import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_FLAGS } from '../scripts/audit/chromium.ts';
import { repoRoot } from '../tests/support/paths.ts';
import { buildSeedSite, SEED_SLUG } from '../tests/support/seed-site.ts';
import { startStaticServer } from '../scripts/audit/static-server.ts';

/**
 * `npm run bench -- --lighthouse [--runs 3] [--desktop] [--throttling provided|simulate] [--keep]`:
 * Lighthouse (the pinned devDependency, nothing installed at run time) in Debian's Chromium on
 * the home page and the seed essay of a fresh build of the repository's site, served on a
 * loopback port. Prints the four category scores (median of the runs), the metrics, and the
 * audits that cost points, from the run with the median performance score.
 *
 * Nothing leaves the machine: Chromium runs with background networking, component updates and
 * sync off; throttling is simulated from the trace (Lighthouse's default, `simulate`, which is
 * also the steadiest on a busy machine) rather than applied to a real network; and every request
 * the page made is listed if any went anywhere but the loopback server.
 */
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const LIGHTHOUSE_CLI = path.join(repoRoot, 'node_modules', 'lighthouse', 'cli', 'index.js');
const PAGES = [
  ['home', ''],
  ['seed essay', `posts/${SEED_SLUG}/`],
] as const;

interface Audit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
  numericValue?: number;
  details?: { items?: { url?: string; description?: string; reason?: string; sourceLocation?: { url?: string }; wastedBytes?: number }[] };
}

interface LighthouseResult {
  lighthouseVersion: string;
  finalDisplayedUrl: string;
  runWarnings: string[];
  categories: Record<string, { title: string; score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, Audit>;
}

export async function benchLighthouse(args: string[]): Promise<void> {
  let desktop = false;
  let throttling = 'simulate';
  let keep = false;
  let runs = 1;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--desktop') desktop = true;
    else if (args[i] === '--runs' && Number(args[i + 1]) >= 1) runs = Math.floor(Number(args[++i]));
    else if (args[i] === '--throttling' && ['simulate', 'provided', 'devtools'].includes(args[i + 1] ?? '')) throttling = args[++i]!;
    else if (args[i] === '--keep') keep = true;
    else throw new Error(`unknown option ${args[i]}`);
  }
  const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chrome)) throw new Error(`Chromium not found at ${chrome}: set CHROME_PATH or \`apt-get install chromium\``);
  if (!existsSync(LIGHTHOUSE_CLI)) throw new Error('Lighthouse is not installed: run `npm install` (it is a devDependency)');

  console.log('Building the site…');
  const site = await buildSeedSite('bench-lighthouse');
  const server = await startStaticServer(site.dist);
  const scratch = mkdtempSync(path.join(tmpdir(), 'quire-lighthouse-'));
  const rows: string[][] = [];
  try {
    for (const [name, sitePath] of PAGES) {
      const url = server.url(sitePath);
      const results: LighthouseResult[] = [];
      for (let run = 0; run < runs; run++) {
        const output = path.join(scratch, `${name.replace(/\W+/g, '-')}-${run + 1}.json`);
        console.log(`\nLighthouse: ${name} (${url}), ${desktop ? 'desktop' : 'mobile'}, throttling ${throttling}, run ${run + 1} of ${runs}…`);
        await runLighthouse(url, output, chrome, { desktop, throttling });
        results.push(JSON.parse(readFileSync(output, 'utf8')) as LighthouseResult);
        console.log(`  ${CATEGORIES.map((category) => `${category} ${score(results.at(-1)!.categories[category]?.score)}`).join(', ')}`);
      }
      const scoreOf = (result: LighthouseResult, category: string) => result.categories[category]?.score ?? Number.NaN;
      const byPerformance = [...results].sort((a, b) => scoreOf(a, 'performance') - scoreOf(b, 'performance'));
      const typical = byPerformance[Math.floor((byPerformance.length - 1) / 2)]!;
      rows.push([
        name,
        ...CATEGORIES.map((category) => score(median(results.map((result) => scoreOf(result, category))))),
        results.map((result) => score(scoreOf(result, 'performance'))).join(' '),
      ]);
      console.log(`${name}, the run with the median performance score:\n${describe(typical, server.origin)}`);
    }
    console.log(`\nLighthouse ${lighthouseVersion()} (${desktop ? 'desktop' : 'mobile'} form factor, throttling: ${throttling}), Debian Chromium, loopback server without compression`);
    const header = ['page', ...CATEGORIES.map((category) => (runs > 1 ? `${category} (median)` : category)), 'performance per run'];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
    for (const row of [header, ...rows]) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  } finally {
    await server.close();
    if (keep) console.log(`kept: ${scratch} ${site.root}`);
    else {
      rmSync(scratch, { recursive: true, force: true });
      site.remove();
    }
  }
}

const median = (values: number[]) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const score = (value: number | null | undefined) => (typeof value === 'number' && Number.isFinite(value) ? String(Math.round(value * 100)) : '–');

function lighthouseVersion(): string {
  return (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', 'lighthouse', 'package.json'), 'utf8')) as { version: string }).version;
}

function runLighthouse(url: string, output: string, chrome: string, options: { desktop: boolean; throttling: string }): Promise<void> {
  const args = [
    LIGHTHOUSE_CLI,
    url,
    '--output=json',
    `--output-path=${output}`,
    `--only-categories=${CATEGORIES.join(',')}`,
    `--chrome-flags=${CHROMIUM_FLAGS.join(' ')}`,
    `--throttling-method=${options.throttling}`,
    '--disable-full-page-screenshot',
    '--no-enable-error-reporting',
    '--max-wait-for-load=90000',
    '--quiet',
    ...(options.desktop ? ['--preset=desktop'] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: chrome }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (chunk) => (log += chunk));
    child.stderr.on('data', (chunk) => (log += chunk));
    child.on('close', (code) => (code === 0 && existsSync(output) ? resolve() : reject(new Error(`lighthouse exited with ${code}:\n${log}`))));
  });
}

const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];

/** Scores, metrics, the audits that lost points in each category under 100, and any request that left the machine. */
function describe(result: LighthouseResult, origin: string): string {
  const lines: string[] = [];
  lines.push(`  ${CATEGORIES.map((category) => `${result.categories[category]?.title ?? category} ${score(result.categories[category]?.score)}`).join(', ')}`);
  lines.push(`  ${METRICS.map((id) => `${result.audits[id]?.title ?? id} ${result.audits[id]?.displayValue ?? '–'}`).join('; ')}`);
  for (const category of CATEGORIES) {
    const entry = result.categories[category];
    if (!entry || entry.score === 1) continue;
    const failing = entry.auditRefs
      .map((ref) => result.audits[ref.id])
      .filter((audit): audit is Audit => !!audit && audit.score !== null && audit.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(audit.scoreDisplayMode));
    if (failing.length === 0) continue;
    lines.push(`  ${entry.title} ${score(entry.score)}, audits below full marks:`);
    for (const audit of failing) {
      lines.push(`    - ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''} [${audit.id}, score ${audit.score}]`);
      // What the audit found, for the diagnostics whose items say it in a word (console errors, bf-cache reasons, files).
      if (['errors-in-console', 'bf-cache', 'uses-text-compression', 'render-blocking-resources', 'unused-css-rules'].includes(audit.id)) {
        for (const item of (audit.details?.items ?? []).slice(0, 4)) {
          const what = [item.description ?? item.reason, item.sourceLocation?.url ?? item.url].filter(Boolean).join(' ');
          if (what) lines.push(`        ${what.replace(origin, '')}`);
        }
      }
    }
  }
  for (const warning of result.runWarnings) lines.push(`  warning: ${warning}`);
  const requests = result.audits['network-requests']?.details?.items ?? [];
  const offsite = requests.map((item) => item.url ?? '').filter((url) => url && !url.startsWith(origin) && !url.startsWith('data:'));
  lines.push(offsite.length ? `  requests that left the loopback server:\n${offsite.map((url) => `    ${url}`).join('\n')}` : `  ${requests.length} requests, all to the loopback server`);
  return lines.join('\n');
}
