import { median } from './measure.ts';
import { cpu, maxOf, med, rss, s, table, wall, type BlogResult, type DevResult, type Run, type SizeResult } from './results.ts';

/**
 * Issue #13's targets, each beside what this run measured for Quire and for the plain-Astro
 * baseline (`unified()`) in the same run: figures, not tests (nothing fails on a slow machine).
 * A target whose corpus was not part of the run says how to measure it instead of staying blank.
 */
const BIG = 1000;
const BIG_TEXT = '1,000';
const DEV = 200;

interface Target {
  what: string;
  budget: string;
  /** Quire's figure and the baseline's, formatted, and whether Quire's meets the budget; undefined if not measured. */
  measure(): { quire: string; baseline: string; met: boolean | undefined } | undefined;
  /** Why it was not measured, and how to measure it. */
  howTo: string;
}

export function targetsTable(results: SizeResult[], dev: DevResult[], blog: BlogResult | undefined): string {
  const big = results.find((r) => r.n === BIG);
  const devOf = (kind: 'quire' | 'baseline') => dev.find((d) => d.kind === kind && d.n === DEV);
  const seconds = (ms: number) => (Number.isFinite(ms) ? `${s(ms)} s` : '–');
  const millis = (ms: number) => (Number.isFinite(ms) ? `${Math.round(ms)} ms` : '–');
  const megabytes = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(0)} MB` : '–');
  const withinMs = (limit: number) => (ms: number) => (Number.isFinite(ms) ? ms <= limit : undefined);
  /** A build figure (median over runs, or max for memory) against a fixed budget. */
  const builds = (runs: (kind: 'quire' | 'baseline') => Run[] | undefined, pick: (run: Run) => number, format: (value: number) => string, ok: (value: number) => boolean | undefined, reduce = med) => () => {
    const quire = runs('quire');
    if (!quire?.length) return undefined;
    const value = reduce(quire, pick);
    return { quire: format(value), baseline: format(reduce(runs('baseline'), pick)), met: ok(value) };
  };
  /** A dev figure (median over runs or edits) against a fixed budget. */
  const devFigure = (pick: (d: DevResult) => number[] | undefined, format: (ms: number) => string, ok: (ms: number) => boolean | undefined) => () => {
    const figure = (kind: 'quire' | 'baseline') => {
      const found = devOf(kind);
      const values = found ? pick(found) : undefined;
      return values?.length ? median(values) : Number.NaN;
    };
    const quire = figure('quire');
    if (Number.isNaN(quire)) return undefined;
    return { quire: format(quire), baseline: format(figure('baseline')), met: ok(quire) };
  };
  const sizeHow = `not measured (run with --sizes ${BIG})`;
  const warmHow = big ? 'not measured (run without --no-warm)' : `not measured (run with --sizes ${BIG}, without --no-warm)`;
  const devHow = dev.length === 0 ? 'not measured (run without --no-dev)' : `not measured at N=${DEV} (run with --dev-size ${DEV}; N=${[...new Set(dev.map((d) => d.n))].join(', ')} is above)`;
  const blogHow = 'not measured (run without --no-blog)';
  const rows: Target[] = [
    { what: `${BIG_TEXT} essays, cold: wall`, budget: '≤ 10 s', measure: builds((k) => big?.cold[k], wall, seconds, withinMs(10_000)), howTo: sizeHow },
    { what: `${BIG_TEXT} essays, cold: peak RSS`, budget: '≤ 1024 MB', measure: builds((k) => big?.cold[k], rss, megabytes, (b) => (Number.isFinite(b) ? b <= 2 ** 30 : undefined), maxOf), howTo: sizeHow },
    {
      what: `${BIG_TEXT} essays, cold: CPU`,
      budget: '≤ baseline',
      measure: () => {
        if (!big?.cold.quire?.length) return undefined;
        const quire = med(big.cold.quire, cpu);
        const baseline = med(big.cold.baseline, cpu);
        return { quire: seconds(quire), baseline: seconds(baseline), met: Number.isFinite(quire) && Number.isFinite(baseline) ? quire <= baseline : undefined };
      },
      howTo: sizeHow,
    },
    { what: `${BIG_TEXT} essays, one edit, warm`, budget: '≤ 3 s', measure: builds((k) => big?.warm[k], wall, seconds, withinMs(3_000)), howTo: warmHow },
    { what: `dev, ${DEV} essays: first essay page, no cache`, budget: '≤ 3 s', measure: devFigure((d) => d.firstPageMs, seconds, withinMs(3_000)), howTo: devHow },
    { what: `dev, ${DEV} essays: first essay page, restarted`, budget: '≤ 3 s', measure: devFigure((d) => d.warmFirstPageMs, seconds, withinMs(3_000)), howTo: devHow },
    {
      what: `dev, ${DEV} essays: an edit shows`,
      budget: '≤ 300 ms',
      measure: devFigure((d) => d.editMs, millis, withinMs(300)),
      howTo: dev.length > 0 && devOf('quire') && !devOf('quire')!.editMs?.length ? 'not measured (run with --dev-edits 5)' : devHow,
    },
    { what: 'real blog (30 essays, 100 images), cold', budget: '≤ 15 s', measure: builds((k) => blog?.cold[k], wall, seconds, withinMs(15_000)), howTo: blogHow },
    {
      what: 'real blog, one edit, warm',
      budget: '≤ 3 s',
      measure: builds((k) => blog?.warm[k], wall, seconds, withinMs(3_000)),
      howTo: blog ? 'not measured (run without --no-warm)' : blogHow,
    },
  ];
  const cells = rows.map((target) => {
    const figures = target.measure();
    if (!figures) return [target.what, target.budget, '–', '–', target.howTo];
    return [target.what, target.budget, figures.quire, figures.baseline, figures.met === undefined ? '–' : figures.met ? 'met' : 'not met'];
  });
  return [
    'Targets (issue #13; figures from this run, medians; peak RSS is the largest run; not tests)',
    table(['target', 'budget', 'Quire', 'baseline', 'verdict'], cells, 'left'),
    '  dev: "first essay page" starts `astro dev` with no cache, "restarted" starts it again with the cache the first left;',
    '  "an edit shows" is the median over edits of the time from writing a changed sentence to the first response showing it.',
    '  The baseline (plain Astro, `unified()` without plugins) draws no social cards, builds no search index, feeds, tag pages',
    '  or redirects, and typesets no math: work only Quire\'s figures include. Both encode the same images the same way.',
    '  Not measured here: the essay page within its budgets (HTML < 60 KB, CSS < 15 KB, JS < 4 KB gzip) — `npm run bench -- --weight`',
    '  and tests/build/page-budgets.test.ts; Lighthouse 100 × 4 — `npm run bench -- --lighthouse`.',
  ].join('\n');
}
