import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { builtPageWeight, distSize, formatBuiltPageWeight } from '../tests/support/built-page.ts';
import { listFiles } from '../scripts/audit/emitted-pages.ts';
import { repoRoot } from '../tests/support/paths.ts';
import { editBlogEssay, prepareBlogCorpus, removeBlogCorpus, writeBlogCorpus, type BlogCorpusSummary } from './blog-corpus.ts';
import { corpusEssay, writeCorpus } from './corpus.ts';
import { timeDevServer } from './dev-server.ts';
import { measure, median, type Measured } from './measure.ts';
import {
  cpu,
  fixed,
  maxOf,
  mb,
  med,
  pairRatio,
  rss,
  s,
  table,
  wall,
  type BlogResult,
  type Builds,
  type DevResult,
  type Run,
  type SavedResults,
  type SizeResult,
} from './results.ts';
import { createBenchSite, makeCold, type BenchSite, type SiteKind } from './sites.ts';
import { targetsTable } from './targets.ts';

/**
 * `npm run bench`: cold builds of Quire and of a plain-Astro baseline over the same generated
 * corpus (N = 1, 100, 1,000 essays by default), alternating pair by pair; warm rebuilds after
 * editing one essay; the same over a real-blog-sized corpus with images (`blog-corpus.ts`);
 * `astro dev` serving its first essay page and then showing edits; the weight of one essay page
 * and of dist/; and at the end issue #13's targets beside this run's figures. Figures, not
 * tests: nothing here fails on a slow machine.
 *
 * Options: --sizes 1,100,1000  --runs 3  --dev-size 200  --dev-edits 5  --blog-runs <runs>
 *          --no-native  --no-warm  --no-dev  --no-blog
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
  /** Edits timed in each run's restarted dev server (0: none). */
  devEdits: number;
  blog: boolean;
  /** Cold (and warm) runs per site over the blog corpus; `runs` unless given. */
  blogRuns: number;
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
    devEdits: 5,
    blog: true,
    blogRuns: Number.NaN,
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
      if (!Number.isInteger(n) || n < (flag === '--dev-edits' ? 0 : 1)) throw new Error(`${flag}: "${part}" is not a positive whole number`);
      return n;
    });
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--sizes') options.sizes = positiveInts(value(i++, arg), arg);
    else if (arg === '--runs') options.runs = positiveInts(value(i++, arg), arg)[0]!;
    else if (arg === '--dev-size') options.devSize = positiveInts(value(i++, arg), arg)[0]!;
    else if (arg === '--dev-edits') options.devEdits = positiveInts(value(i++, arg), arg)[0]!;
    else if (arg === '--blog-runs') options.blogRuns = positiveInts(value(i++, arg), arg)[0]!;
    else if (arg === '--no-blog') options.blog = false;
    else if (arg === '--json') options.json = path.resolve(value(i++, arg));
    else if (arg === '--no-native') options.native = false;
    else if (arg === '--no-warm') options.warm = false;
    else if (arg === '--no-dev') options.dev = false;
    else if (arg === '--keep') options.keep = true;
    else throw new Error(`unknown option ${arg}`);
  }
  if (Number.isNaN(options.blogRuns)) options.blogRuns = options.runs;
  return options;
}

const toRun = (m: Measured): Run => ({ wallMs: m.wallMs, cpuMs: m.cpuMs, peakRss: m.peakRss });
const log = (line = '') => console.log(line);

export async function benchBuilds(args: string[]): Promise<void> {
  const reportIndex = args.indexOf('--report');
  if (reportIndex >= 0) return reprint((args[reportIndex + 1] ?? '').split(',').filter(Boolean));
  const options = parseBuildBenchOptions(args);
  const kinds: SiteKind[] = options.native ? ['quire', 'baseline', 'native'] : ['quire', 'baseline'];
  const sites = Object.fromEntries(kinds.map((kind) => [kind, createBenchSite(kind)])) as Record<SiteKind, BenchSite>;
  const results: SizeResult[] = [];
  const devResults: DevResult[] = [];
  let blog: BlogResult | undefined;
  mkdirSync(path.dirname(options.json), { recursive: true });
  const save = () => {
    const saved: SavedResults = { date: new Date().toISOString(), node: process.version, options, results, dev: devResults, ...(blog ? { blog } : {}) };
    writeFileSync(options.json, JSON.stringify(saved, null, 2));
  };

  log(`Quire build benchmark: N = ${options.sizes.join(', ')}; ${options.runs} cold run(s) per site and N, alternating ${kinds.join(' / ')}`);
  log(`sites: ${kinds.map((kind) => path.relative(repoRoot, sites[kind].root)).join(', ')}`);
  try {
    for (const n of options.sizes) {
      const result: SizeResult = { n, cold: {}, warm: {}, distBytes: {} };
      results.push(result);
      for (const kind of kinds) writeCorpus(sites[kind].root, n);
      await coldBuilds(`N=${n}`, kinds, sites, options.runs, result, save);
      for (const kind of kinds) result.distBytes[kind] = distSize(sites[kind].dist).bytes;
      result.quireDist = distBreakdown(sites.quire.dist);
      result.essayPage = builtPageWeight(sites.quire.dist, `posts/${corpusEssay(1).slug}/index.html`);
      if (options.warm) await warmBuilds(`N=${n}`, sites, options.runs, result, save, (site, run) => editEssay(site, run));
    }
    if (options.blog) {
      // Quire and the `unified()` baseline only: the targets compare those two.
      const blogKinds: SiteKind[] = ['quire', 'baseline'];
      const corpus = await prepareBlogCorpus(log);
      blog = { corpus: corpus.summary, cold: {}, warm: {}, distBytes: {}, encodedImages: {} };
      log(`  blog: ${describeBlogCorpus(corpus.summary)}`);
      for (const kind of blogKinds) writeBlogCorpus(sites[kind].root, corpus);
      await coldBuilds('blog', blogKinds, sites, options.blogRuns, blog, save);
      for (const kind of blogKinds) {
        blog.distBytes[kind] = distSize(sites[kind].dist).bytes;
        blog.encodedImages[kind] = encodedImages(sites[kind].dist);
      }
      if (options.warm) await warmBuilds('blog', sites, options.blogRuns, blog, save, (site, run) => editBlogEssay(site.root, corpus, run));
      for (const kind of blogKinds) removeBlogCorpus(sites[kind].root);
    }
    if (options.dev) {
      for (const kind of ['quire', 'baseline'] as const) {
        writeCorpus(sites[kind].root, options.devSize);
        const dev: DevResult = { n: options.devSize, kind, firstPageMs: [], listeningMs: [], peakRss: [], warmFirstPageMs: [], editMs: [] };
        devResults.push(dev);
        const essay = corpusEssay(1);
        const sitePath = `/posts/${essay.slug}/`;
        for (let run = 0; run < options.runs; run++) {
          makeCold(sites[kind]);
          const timing = await timeDevServer(sites[kind], sitePath);
          dev.firstPageMs.push(timing.firstPageMs);
          dev.listeningMs.push(timing.listeningMs);
          dev.peakRss.push(timing.peakRss);
          log(`  N=${options.devSize} dev ${kind.padEnd(8)} run ${run + 1}: first essay page after ${s(timing.firstPageMs)} s (listening after ${s(timing.listeningMs)} s), ${mb(timing.peakRss)} MB`);
          // The edits go to the restarted server, so that both first-page figures see an unchanged corpus.
          const warm = await timeDevServer(sites[kind], sitePath, {
            file: path.join(sites[kind].root, 'content', 'posts', essay.file),
            sentence: EDITED_SENTENCE,
            count: options.devEdits,
          });
          dev.warmFirstPageMs!.push(warm.firstPageMs);
          dev.editMs!.push(...warm.editMs);
          const edits = warm.editMs.length ? `; ${warm.editMs.length} edits shown after ${warm.editMs.map((ms) => Math.round(ms)).join(', ')} ms` : '';
          log(`  N=${options.devSize} dev ${kind.padEnd(8)} run ${run + 1}, restarted with its cache: first essay page after ${s(warm.firstPageMs)} s${edits}`);
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
  log(report(results, devResults, blog, kinds, options));
  log(`\nraw results: ${path.relative(process.cwd(), options.json)}`);
}

/** `runs` cold builds of each site, the order rotated each run so that no site always goes first (or right after another's build). */
async function coldBuilds(label: string, kinds: SiteKind[], sites: Record<SiteKind, BenchSite>, runs: number, into: Builds, save: () => void): Promise<void> {
  for (let run = 0; run < runs; run++) {
    const order = kinds.map((_, k) => kinds[(k + run) % kinds.length]!);
    for (const kind of order) {
      makeCold(sites[kind]);
      const measured = await buildSite(sites[kind]);
      (into.cold[kind] ??= []).push(toRun(measured));
      if (kind === 'quire') into.quireSummary = summaryLine(measured.output);
      log(`  ${label} cold ${kind.padEnd(8)} run ${run + 1}: ${s(measured.wallMs)} s wall, ${s(measured.cpuMs)} s CPU, ${mb(measured.peakRss)} MB`);
    }
    save();
  }
}

/** `runs` warm rebuilds of Quire and the baseline, each after `edit` (caches kept from the builds before). */
async function warmBuilds(label: string, sites: Record<SiteKind, BenchSite>, runs: number, into: Builds, save: () => void, edit: (site: BenchSite, run: number) => void): Promise<void> {
  for (let run = 0; run < runs; run++) {
    for (const kind of ['quire', 'baseline'] as const) {
      edit(sites[kind], run);
      const measured = await buildSite(sites[kind]);
      (into.warm[kind] ??= []).push(toRun(measured));
      if (kind === 'quire') into.quireWarmSummary = summaryLine(measured.output);
      log(`  ${label} warm ${kind.padEnd(8)} run ${run + 1}: ${s(measured.wallMs)} s wall, ${s(measured.cpuMs)} s CPU, ${mb(measured.peakRss)} MB`);
    }
    save();
  }
}

async function buildSite(site: BenchSite): Promise<Measured> {
  const measured = await measure(process.execPath, site.buildArgs, { cwd: site.root, env: site.env });
  if (measured.code !== 0) throw new Error(`${site.kind} build in ${site.root} failed (exit ${measured.code}):\n${measured.output}`);
  return measured;
}

/** Quire's build ends with one line of its phases and their times (scripts/build.ts). */
function summaryLine(output: string): string | undefined {
  return output
    .split('\n')
    .map((line) => line.trim())
    .findLast((line) => line.startsWith('Built '));
}

/** A warm rebuild's edit: one more sentence in the first essay's text. */
function editEssay(site: BenchSite, run: number): void {
  appendFileSync(path.join(site.root, 'content', 'posts', corpusEssay(1).file), `\nEdited for warm rebuild ${run + 1}: one more sentence.\n`);
}

/** The sentence of a corpus essay (`corpusEssayText`) that the dev benchmark changes: plain words, rendered as written. */
const EDITED_SENTENCE = `The evaluation script used for run 1:`;

/** Image files in dist/_astro/: what Astro's image pipeline encoded (sizes times formats). */
function encodedImages(dist: string): number {
  const folder = path.join(dist, '_astro');
  return existsSync(folder) ? listFiles(folder).filter((file) => /\.(webp|avif|png|jpe?g|gif)$/i.test(file)).length : 0;
}

export function describeBlogCorpus(corpus: BlogCorpusSummary): string {
  const kinds = Object.entries(corpus.byKind)
    .map(([kind, { count, bytes }]) => `${count} ${kind}${count === 1 ? '' : 's'} ${(bytes / 2 ** 20).toFixed(1)} MB`)
    .join(', ');
  return (
    `${corpus.essays} essays (${Math.round(corpus.words / 1000)}k words; code in ${corpus.withCode}, tables in ${corpus.withTables}, math in ${corpus.withMath}), ` +
    `${corpus.images} images, ${(corpus.imageBytes / 2 ** 20).toFixed(1)} MB: ${corpus.beside} beside their essays (Astro's image pipeline), ` +
    `${corpus.inPublic} in public/assets as a Jekyll import leaves them (copied as they are); ${kinds}`
  );
}

/** The options a report reads; a saved run from before `--dev-edits` and `--blog-runs` has only the first three. */
type ReportOptions = Pick<BuildBenchOptions, 'runs' | 'warm' | 'devSize'> & Partial<Pick<BuildBenchOptions, 'devEdits' | 'blogRuns'>>;

export function report(results: SizeResult[], dev: DevResult[], blog: BlogResult | undefined, kinds: SiteKind[], options: ReportOptions): string {
  const native = kinds.includes('native');
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
        mb(maxOf(r.cold.quire, rss)),
        mb(maxOf(r.cold.baseline, rss)),
        ...(native ? [mb(maxOf(r.cold.native, rss))] : []),
      ]),
    ),
  );
  const phases = results.filter((r) => r.quireSummary);
  if (phases.length > 0) {
    out.push('');
    out.push("Quire's phases (its own summary line), last cold build at each N");
    for (const r of phases) out.push(`  N=${r.n}: ${r.quireSummary}`);
  }
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
    for (const r of results) if (r.quireWarmSummary) out.push(`  Quire's last warm rebuild, N=${r.n}: ${r.quireWarmSummary}`);
  }
  if (blog) {
    const runs = Math.max(blog.cold.quire?.length ?? 0, blog.cold.baseline?.length ?? 0);
    out.push('');
    out.push(`Real-blog corpus (generated; bench/blog-corpus.ts): ${describeBlogCorpus(blog.corpus)}`);
    out.push(`Cold builds and warm rebuilds after editing one essay with images beside it (median of ${runs}; peak RSS max over cold runs)`);
    out.push(
      table(
        ['site', 'cold s', 'cold CPU s', 'peak MB', 'warm s', 'warm CPU s', 'dist/ MB', 'images encoded'],
        (['quire', 'baseline'] as const).map((kind) => [
          kind,
          s(med(blog.cold[kind], wall)),
          s(med(blog.cold[kind], cpu)),
          mb(maxOf(blog.cold[kind], rss)),
          s(med(blog.warm[kind], wall)),
          s(med(blog.warm[kind], cpu)),
          fixed((blog.distBytes[kind] ?? Number.NaN) / 2 ** 20, 1),
          String(blog.encodedImages[kind] ?? '–'),
        ]),
      ),
    );
    out.push(`Quire / baseline, cold: ${fixed(pairRatio(blog.cold.quire, blog.cold.baseline, wall), 2)} wall, ${fixed(pairRatio(blog.cold.quire, blog.cold.baseline, cpu), 2)} CPU (median of per-pair ratios)`);
    if (blog.quireSummary) out.push(`Quire's last cold build of it: ${blog.quireSummary}`);
    if (blog.quireWarmSummary) out.push(`Quire's last warm rebuild:     ${blog.quireWarmSummary}`);
  }
  if (dev.length > 0) {
    out.push('');
    out.push(
      `astro dev: time from start to the first essay page answering 200 (median of ${options.runs}), with no cache and restarted with its cache; ` +
        `then, in the restarted server, a sentence of the essay changed ${options.devEdits ?? 0} times per run: time from the write to the first response showing it (median and slowest of all edits)`,
    );
    out.push(
      table(
        ['N', 'site', 'first page s', 'listening s', 'peak MB', 'restarted: first page s', 'edit shows ms', 'slowest edit ms'],
        dev.map((d) => [
          String(d.n),
          d.kind,
          s(median(d.firstPageMs)),
          s(median(d.listeningMs)),
          mb(Math.max(...d.peakRss)),
          d.warmFirstPageMs?.length ? s(median(d.warmFirstPageMs)) : '–',
          d.editMs?.length ? fixed(median(d.editMs), 0) : '–',
          d.editMs?.length ? fixed(Math.max(...d.editMs), 0) : '–',
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
  out.push(targetsTable(results, dev, blog));
  return out.join('\n');
}

/**
 * `--report a.json,b.json`: the tables of earlier runs, merged (a later file's N replaces an
 * earlier one's; so do its dev figures for the same N and site, and its blog figures).
 */
function reprint(files: string[]): void {
  if (files.length === 0) throw new Error('--report needs saved results: --report .fixtures/bench-results.json[,more.json]');
  const bySize = new Map<number, SizeResult>();
  const dev = new Map<string, DevResult>();
  let blog: BlogResult | undefined;
  let options: ReportOptions | undefined;
  for (const file of files) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedResults;
    for (const result of saved.results) bySize.set(result.n, result);
    for (const d of saved.dev) dev.set(`${d.n} ${d.kind}`, d);
    blog = saved.blog ?? blog;
    options = {
      ...saved.options,
      runs: Math.max(options?.runs ?? 0, saved.options.runs),
      warm: (options?.warm ?? false) || saved.options.warm,
      devEdits: Math.max(options?.devEdits ?? 0, saved.options.devEdits ?? 0),
    };
  }
  const results = [...bySize.values()].sort((a, b) => a.n - b.n);
  const kinds = (['quire', 'baseline', 'native'] as const).filter((kind) => results.some((r) => r.cold[kind]?.length));
  log(`(from ${files.join(', ')}; runs per N: ${results.map((r) => `${r.n}: ${r.cold.quire?.length ?? 0}`).join(', ')})\n`);
  log(report(results, [...dev.values()], blog, [...kinds], options!));
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
