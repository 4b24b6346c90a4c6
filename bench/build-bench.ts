import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { builtPageWeight, distSize, formatBuiltPageWeight, type BuiltPageWeight } from '../tests/support/built-page.ts';
import { listFiles } from '../scripts/audit/emitted-pages.ts';
import { repoRoot } from '../tests/support/paths.ts';
import { corpusEssay, writeCorpus } from './corpus.ts';
import { killTree, measure, median, startTracked, type Measured } from './measure.ts';
import { ASTRO_BIN, createBenchSite, makeCold, type BenchSite, type SiteKind } from './sites.ts';

/**
 * `npm run bench`: cold builds of Quire and of a plain-Astro baseline over the same generated
 * corpus (N = 1, 100, 1,000 essays by default), alternating pair by pair; warm rebuilds after
 * editing one essay; `astro dev` serving its first essay page; the weight of one essay page and
 * of dist/. Figures, not tests: nothing here fails on a slow machine.
 *
 * Options: --sizes 1,100,1000  --runs 3  --dev-size 200  --no-native  --no-warm  --no-dev
 *          --keep (leave the site copies in .fixtures/)  --json <file> (raw results)
 *          --report a.json,b.json (print the tables again from saved results, merged by N)
 */
export interface BuildBenchOptions {
  sizes: number[];
  runs: number;
  native: boolean;
  warm: boolean;
  dev: boolean;
  devSize: number;
  keep: boolean;
  json: string;
}

export function parseBuildBenchOptions(args: string[]): BuildBenchOptions {
  const options: BuildBenchOptions = {
    sizes: [1, 100, 1000],
    runs: 3,
    native: true,
    warm: true,
    dev: true,
    devSize: 200,
    keep: false,
    json: path.join(repoRoot, '.fixtures', 'bench-results.json'),
  };
  const value = (i: number, flag: string) => {
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
    return next;
  };
  const positiveInts = (text: string, flag: string) =>
    text.split(',').map((part) => {
      const n = Number(part.replace(/_/g, ''));
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: "${part}" is not a positive whole number`);
      return n;
    });
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--sizes') options.sizes = positiveInts(value(i++, arg), arg);
    else if (arg === '--runs') options.runs = positiveInts(value(i++, arg), arg)[0]!;
    else if (arg === '--dev-size') options.devSize = positiveInts(value(i++, arg), arg)[0]!;
    else if (arg === '--json') options.json = path.resolve(value(i++, arg));
    else if (arg === '--no-native') options.native = false;
    else if (arg === '--no-warm') options.warm = false;
    else if (arg === '--no-dev') options.dev = false;
    else if (arg === '--keep') options.keep = true;
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

interface Run {
  wallMs: number;
  cpuMs: number;
  peakRss: number;
}

interface SizeResult {
  n: number;
  cold: Partial<Record<SiteKind, Run[]>>;
  warm: Partial<Record<SiteKind, Run[]>>;
  distBytes: Partial<Record<SiteKind, number>>;
  /** Quire's dist/ by top-level entry (og/, pagefind/, posts/…), bytes. */
  quireDist?: Record<string, number>;
  essayPage?: BuiltPageWeight;
}

interface DevResult {
  n: number;
  kind: SiteKind;
  /** From starting `astro dev` to the first 200 answer for the first essay page. */
  firstPageMs: number[];
  /** From starting `astro dev` to its "Local http://…" line (listening, nothing rendered yet). */
  listeningMs: number[];
  peakRss: number[];
  /** The same, started again right after with the cache the first start left (an author's usual restart). */
  warmFirstPageMs?: number[];
}

const toRun = (m: Measured): Run => ({ wallMs: m.wallMs, cpuMs: m.cpuMs, peakRss: m.peakRss });
const s = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '–');
const mb = (bytes: number) => (Number.isFinite(bytes) && bytes > 0 ? (bytes / 2 ** 20).toFixed(0) : '–');
const log = (line = '') => console.log(line);

export async function benchBuilds(args: string[]): Promise<void> {
  const reportIndex = args.indexOf('--report');
  if (reportIndex >= 0) return reprint((args[reportIndex + 1] ?? '').split(',').filter(Boolean));
  const options = parseBuildBenchOptions(args);
  const kinds: SiteKind[] = options.native ? ['quire', 'baseline', 'native'] : ['quire', 'baseline'];
  const sites = Object.fromEntries(kinds.map((kind) => [kind, createBenchSite(kind)])) as Record<SiteKind, BenchSite>;
  const results: SizeResult[] = [];
  const devResults: DevResult[] = [];
  mkdirSync(path.dirname(options.json), { recursive: true });
  const save = () =>
    writeFileSync(options.json, JSON.stringify({ date: new Date().toISOString(), node: process.version, options, results, dev: devResults }, null, 2));

  log(`Quire build benchmark: N = ${options.sizes.join(', ')}; ${options.runs} cold run(s) per site and N, alternating ${kinds.join(' / ')}`);
  log(`sites: ${kinds.map((kind) => path.relative(repoRoot, sites[kind].root)).join(', ')}`);
  try {
    for (const n of options.sizes) {
      const result: SizeResult = { n, cold: {}, warm: {}, distBytes: {} };
      results.push(result);
      for (const kind of kinds) writeCorpus(sites[kind].root, n);
      for (let run = 0; run < options.runs; run++) {
        // Rotate the order so that no site always goes first (or right after another's build).
        const order = kinds.map((_, k) => kinds[(k + run) % kinds.length]!);
        for (const kind of order) {
          makeCold(sites[kind]);
          const measured = await buildSite(sites[kind]);
          (result.cold[kind] ??= []).push(toRun(measured));
          log(`  N=${n} cold ${kind.padEnd(8)} run ${run + 1}: ${s(measured.wallMs)} s wall, ${s(measured.cpuMs)} s CPU, ${mb(measured.peakRss)} MB`);
        }
        save();
      }
      for (const kind of kinds) result.distBytes[kind] = distSize(sites[kind].dist).bytes;
      result.quireDist = distBreakdown(sites.quire.dist);
      result.essayPage = builtPageWeight(sites.quire.dist, `posts/${corpusEssay(1).slug}/index.html`);
      if (options.warm) {
        for (let run = 0; run < options.runs; run++) {
          for (const kind of ['quire', 'baseline'] as const) {
            editEssay(sites[kind], run);
            const measured = await buildSite(sites[kind]);
            (result.warm[kind] ??= []).push(toRun(measured));
            log(`  N=${n} warm ${kind.padEnd(8)} run ${run + 1}: ${s(measured.wallMs)} s wall, ${s(measured.cpuMs)} s CPU, ${mb(measured.peakRss)} MB`);
          }
          save();
        }
      }
    }
    if (options.dev) {
      for (const kind of ['quire', 'baseline'] as const) {
        writeCorpus(sites[kind].root, options.devSize);
        const dev: DevResult = { n: options.devSize, kind, firstPageMs: [], listeningMs: [], peakRss: [], warmFirstPageMs: [] };
        devResults.push(dev);
        for (let run = 0; run < options.runs; run++) {
          makeCold(sites[kind]);
          const timing = await timeDevServer(sites[kind], `/posts/${corpusEssay(1).slug}/`);
          dev.firstPageMs.push(timing.firstPageMs);
          dev.listeningMs.push(timing.listeningMs);
          dev.peakRss.push(timing.peakRss);
          log(`  N=${options.devSize} dev ${kind.padEnd(8)} run ${run + 1}: first essay page after ${s(timing.firstPageMs)} s (listening after ${s(timing.listeningMs)} s), ${mb(timing.peakRss)} MB`);
          const warm = await timeDevServer(sites[kind], `/posts/${corpusEssay(1).slug}/`);
          dev.warmFirstPageMs!.push(warm.firstPageMs);
          log(`  N=${options.devSize} dev ${kind.padEnd(8)} run ${run + 1}, restarted with its cache: first essay page after ${s(warm.firstPageMs)} s`);
          save();
        }
      }
    }
  } finally {
    save();
    if (options.keep) log(`kept: ${kinds.map((kind) => sites[kind].root).join(' ')}`);
    else for (const kind of kinds) sites[kind].remove();
  }
  log();
  log(report(results, devResults, kinds, options));
  log(`\nraw results: ${path.relative(process.cwd(), options.json)}`);
}

async function buildSite(site: BenchSite): Promise<Measured> {
  const measured = await measure(process.execPath, site.buildArgs, { cwd: site.root, env: site.env });
  if (measured.code !== 0) throw new Error(`${site.kind} build in ${site.root} failed (exit ${measured.code}):\n${measured.output}`);
  return measured;
}

/** A warm rebuild's edit: one more sentence in the first essay's text. */
function editEssay(site: BenchSite, run: number): void {
  appendFileSync(path.join(site.root, 'content', 'posts', corpusEssay(1).file), `\nEdited for warm rebuild ${run + 1}: one more sentence.\n`);
}

/**
 * Starts `astro dev` (with whatever cache the site has) and fetches `sitePath` until it answers 200.
 * `--force`: Astro 7 refuses to start while it believes the previous server (just killed) still runs.
 */
async function timeDevServer(site: BenchSite, sitePath: string): Promise<{ firstPageMs: number; listeningMs: number; peakRss: number }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const tracked = startTracked(process.execPath, [ASTRO_BIN, 'dev', '--force', '--root', site.root, '--host', '127.0.0.1', '--port', String(port)], {
    cwd: site.root,
    env: site.env,
  });
  let exited = false;
  void tracked.exited.then(() => (exited = true));
  const url = `http://127.0.0.1:${port}${sitePath}`;
  let listeningMs = Number.NaN;
  let firstPageMs = Number.NaN;
  // Astro prints "Local http://…" once the server listens; the first page comes later.
  const onOutput = () => {
    if (Number.isNaN(listeningMs) && /Local\s+http/.test(tracked.output())) listeningMs = tracked.elapsed();
  };
  tracked.child.stdout!.on('data', onOutput);
  tracked.child.stderr!.on('data', onOutput);
  const deadline = 300_000;
  try {
    while (!exited && tracked.elapsed() < deadline) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
        await response.arrayBuffer();
        if (response.status === 200) {
          firstPageMs = tracked.elapsed();
          break;
        }
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (Number.isNaN(firstPageMs)) throw new Error(`astro dev in ${site.root} never served ${sitePath}:\n${tracked.output()}`);
  } finally {
    if (tracked.child.pid !== undefined) killTree(tracked.child.pid);
  }
  const measured = tracked.finish(await tracked.exited);
  return { firstPageMs, listeningMs, peakRss: measured.peakRss };
}

/** Median over runs of a figure. */
const med = (runs: Run[] | undefined, pick: (run: Run) => number) => (runs && runs.length ? median(runs.map(pick)) : Number.NaN);
const maxOf = (runs: Run[] | undefined, pick: (run: Run) => number) => (runs && runs.length ? Math.max(...runs.map(pick)) : Number.NaN);
/** Median of per-pair ratios a[i]/b[i]: each pair ran back to back, so both saw about the same machine. */
const pairRatio = (a: Run[] | undefined, b: Run[] | undefined, pick: (run: Run) => number) => {
  if (!a || !b) return Number.NaN;
  const pairs = Math.min(a.length, b.length);
  return median(Array.from({ length: pairs }, (_, i) => pick(a[i]!) / pick(b[i]!)));
};
const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function report(results: SizeResult[], dev: DevResult[], kinds: SiteKind[], options: BuildBenchOptions): string {
  const native = kinds.includes('native');
  const wall = (run: Run) => run.wallMs;
  const cpu = (run: Run) => run.cpuMs;
  const out: string[] = [];
  out.push(`Cold builds, wall time (median of the runs, up to ${options.runs}); ratio = median of per-pair Quire/baseline; marginal = ms per added essay since the previous N`);
  out.push(
    table(
      ['N', 'Quire s', 'baseline s', 'ratio', ...(native ? ['native s', 'Q/native'] : []), 'Quire ms/essay', 'marginal ms/essay', 'baseline ms/essay'],
      results.map((r, i) => {
        const quire = med(r.cold.quire, wall);
        const previous = results[i - 1];
        const marginal = previous ? (quire - med(previous.cold.quire, wall)) / (r.n - previous.n) : Number.NaN;
        return [
          String(r.n),
          s(quire),
          s(med(r.cold.baseline, wall)),
          fixed(pairRatio(r.cold.quire, r.cold.baseline, wall), 2),
          ...(native ? [s(med(r.cold.native, wall)), fixed(pairRatio(r.cold.quire, r.cold.native, wall), 2)] : []),
          fixed(quire / r.n, 1),
          fixed(marginal, 1),
          fixed(med(r.cold.baseline, wall) / r.n, 1),
        ];
      }),
    ),
  );
  out.push('');
  out.push('Cold builds, CPU time (user + system of the process tree, median; steadier than wall time on a busy machine) and peak RSS (max over runs)');
  const cpuMarginal = (r: SizeResult, i: number, kind: SiteKind) => {
    const previous = results[i - 1];
    return previous ? fixed((med(r.cold[kind], cpu) - med(previous.cold[kind], cpu)) / (r.n - previous.n), 1) : '–';
  };
  out.push(
    table(
      [
        'N',
        'Quire CPU s',
        'baseline CPU s',
        'CPU ratio',
        ...(native ? ['native CPU s'] : []),
        'marginal CPU ms/essay Q / base' + (native ? ' / native' : ''),
        'Quire MB',
        'baseline MB',
        ...(native ? ['native MB'] : []),
      ],
      results.map((r, i) => [
        String(r.n),
        s(med(r.cold.quire, cpu)),
        s(med(r.cold.baseline, cpu)),
        fixed(pairRatio(r.cold.quire, r.cold.baseline, cpu), 2),
        ...(native ? [s(med(r.cold.native, cpu))] : []),
        kinds.map((kind) => cpuMarginal(r, i, kind)).join(' / '),
        mb(maxOf(r.cold.quire, (run) => run.peakRss)),
        mb(maxOf(r.cold.baseline, (run) => run.peakRss)),
        ...(native ? [mb(maxOf(r.cold.native, (run) => run.peakRss))] : []),
      ]),
    ),
  );
  if (options.warm) {
    out.push('');
    out.push('Warm rebuilds after editing one essay (cache kept; median)');
    out.push(
      table(
        ['N', 'Quire s', 'Quire CPU s', 'baseline s', 'baseline CPU s', 'Quire warm/cold'],
        results.map((r) => [
          String(r.n),
          s(med(r.warm.quire, wall)),
          s(med(r.warm.quire, cpu)),
          s(med(r.warm.baseline, wall)),
          s(med(r.warm.baseline, cpu)),
          fixed(med(r.warm.quire, wall) / med(r.cold.quire, wall), 2),
        ]),
      ),
    );
  }
  if (dev.length > 0) {
    out.push('');
    out.push(`astro dev: time from start to the first essay page answering 200 (median of ${options.runs}), with no cache and restarted with its cache`);
    out.push(
      table(
        ['N', 'site', 'first page s', 'listening s', 'peak MB', 'restarted: first page s'],
        dev.map((d) => [
          String(d.n),
          d.kind,
          s(median(d.firstPageMs)),
          s(median(d.listeningMs)),
          mb(Math.max(...d.peakRss)),
          d.warmFirstPageMs?.length ? s(median(d.warmFirstPageMs)) : '–',
        ]),
      ),
    );
  }
  out.push('');
  out.push('dist/ total size');
  out.push(table(['N', ...kinds], results.map((r) => [String(r.n), ...kinds.map((kind) => `${((r.distBytes[kind] ?? Number.NaN) / 2 ** 20).toFixed(2)} MB`)])));
  const last = results.at(-1);
  if (last?.quireDist) {
    const entries = Object.entries(last.quireDist).sort((a, b) => b[1] - a[1]);
    const top = entries.slice(0, 8).map(([entry, bytes]) => `${entry} ${(bytes / 2 ** 20).toFixed(2)} MB`);
    const rest = entries.slice(8).reduce((sum, [, bytes]) => sum + bytes, 0);
    out.push(`Quire's dist/ at N=${last.n}, by top-level entry: ${top.join(', ')}${rest ? `, the rest ${(rest / 2 ** 20).toFixed(2)} MB` : ''}`);
  }
  if (last?.essayPage) {
    out.push('');
    out.push(`One Quire essay page (N=${last.n}), from dist/: the HTML, the stylesheets it links, the scripts it loads`);
    out.push(formatBuiltPageWeight(last.essayPage));
  }
  out.push('');
  out.push(targets(results, dev));
  return out.join('\n');
}

/** The issue's targets, as figures beside what was measured (not pass/fail tests). */
function targets(results: SizeResult[], dev: DevResult[]): string {
  const at = (n: number) => results.find((r) => r.n === n);
  const wall = (run: Run) => run.wallMs;
  const big = at(1000);
  const hundred = at(100);
  const quireDev = dev.find((d) => d.kind === 'quire');
  const lines = ['Targets (figures, not tests)'];
  const line = (what: string, target: string, measured: string) => lines.push(`  ${what.padEnd(44)} ${target.padEnd(10)} measured ${measured}`);
  line('cold build, N=1000', '≤ 10 s', big ? `${s(med(big.cold.quire, wall))} s` : 'not run');
  line('peak RSS, cold build, N=1000', '≤ 1024 MB', big ? `${mb(maxOf(big.cold.quire, (run) => run.peakRss))} MB` : 'not run');
  line('warm rebuild after one edit, N=1000', '≤ 3 s', big?.warm.quire ? `${s(med(big.warm.quire, wall))} s` : 'not run');
  line(
    `dev: first essay page, N=${quireDev?.n ?? 200}`,
    '≤ 3 s',
    quireDev
      ? `${s(median(quireDev.firstPageMs))} s with no cache` + (quireDev.warmFirstPageMs?.length ? `, ${s(median(quireDev.warmFirstPageMs))} s restarted with its cache` : '')
      : 'not run',
  );
  line(
    'time per essay N=100 → N=1000',
    'flat',
    hundred && big
      ? `${fixed(med(hundred.cold.quire, wall) / 100, 1)} → ${fixed(med(big.cold.quire, wall) / 1000, 1)} ms/essay; ` +
          `marginal ${fixed((med(big.cold.quire, wall) - med(hundred.cold.quire, wall)) / 900, 1)} ms per added essay`
      : 'not run',
  );
  return lines.join('\n');
}

/** `--report a.json,b.json`: the tables of earlier runs, merged (a later file's N replaces an earlier one's). */
function reprint(files: string[]): void {
  if (files.length === 0) throw new Error('--report needs saved results: --report .fixtures/bench-results.json[,more.json]');
  const bySize = new Map<number, SizeResult>();
  const dev: DevResult[] = [];
  let options: BuildBenchOptions | undefined;
  for (const file of files) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { options: BuildBenchOptions; results: SizeResult[]; dev: DevResult[] };
    for (const result of saved.results) bySize.set(result.n, result);
    dev.push(...saved.dev);
    options = { ...saved.options, runs: Math.max(options?.runs ?? 0, saved.options.runs), warm: (options?.warm ?? false) || saved.options.warm };
  }
  const results = [...bySize.values()].sort((a, b) => a.n - b.n);
  const kinds = (['quire', 'baseline', 'native'] as const).filter((kind) => results.some((r) => r.cold[kind]?.length));
  log(`(from ${files.join(', ')}; runs per N: ${results.map((r) => `${r.n}: ${r.cold.quire?.length ?? 0}`).join(', ')})\n`);
  log(report(results, dev, [...kinds], options!));
}

/** Bytes under each top-level entry of a dist folder (`og/`, `posts/`, `feed.json`…). */
export function distBreakdown(dist: string): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const file of listFiles(dist)) {
    const [first, ...rest] = file.split('/');
    const key = rest.length ? `${first}/` : first!;
    sizes[key] = (sizes[key] ?? 0) + statSync(path.join(dist, file)).size;
  }
  return sizes;
}
