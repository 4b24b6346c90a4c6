import type { BuiltPageWeight } from '../tests/support/built-page.ts';
import type { BlogCorpusSummary } from './blog-corpus.ts';
import { median } from './measure.ts';
import type { SiteKind } from './sites.ts';

/**
 * What the build benchmark records (`.fixtures/bench-results.json`) and the helpers its tables
 * share: `build-bench.ts` prints the tables, `targets.ts` the targets. Fields added
 * later are optional, so `--report` still prints files saved before them.
 */
export interface Run {
  wallMs: number;
  cpuMs: number;
  peakRss: number;
}

/** Cold builds and warm rebuilds (after one edit) of each site over one corpus. */
export interface Builds {
  cold: Partial<Record<SiteKind, Run[]>>;
  warm: Partial<Record<SiteKind, Run[]>>;
  distBytes: Partial<Record<SiteKind, number>>;
  /** The last line of Quire's last cold build: `Built dist/ in … — content …, images …` (its phases). */
  quireSummary?: string;
  /** The same line of its last warm rebuild. */
  quireWarmSummary?: string;
}

export interface SizeResult extends Builds {
  n: number;
  /** Quire's dist/ by top-level entry (og/, pagefind/, posts/…), bytes. */
  quireDist?: Record<string, number>;
  essayPage?: BuiltPageWeight;
}

/** The real-blog corpus (`bench/blog-corpus.ts`): 30 essays, 100 images. */
export interface BlogResult extends Builds {
  corpus: BlogCorpusSummary;
  /** Image files Astro wrote into dist/_astro/ (the encoded sizes and formats), per site. */
  encodedImages: Partial<Record<SiteKind, number>>;
}

export interface DevResult {
  n: number;
  kind: SiteKind;
  /** From starting `astro dev` to the first 200 answer for the first essay page. */
  firstPageMs: number[];
  /** From starting `astro dev` to its "Local http://…" line (listening, nothing rendered yet). */
  listeningMs: number[];
  peakRss: number[];
  /** The same, started again right after with the cache the first start left (an author's usual restart). */
  warmFirstPageMs?: number[];
  /** From writing a changed sentence into the essay to the end of the first response that shows it, per edit. */
  editMs?: number[];
}

export interface SavedResults {
  date: string;
  node: string;
  options: { runs: number; warm: boolean; devSize: number; devEdits?: number };
  results: SizeResult[];
  dev: DevResult[];
  blog?: BlogResult;
}

/** Median over runs of a figure. */
export const med = (runs: Run[] | undefined, pick: (run: Run) => number): number => (runs && runs.length ? median(runs.map(pick)) : Number.NaN);
export const maxOf = (runs: Run[] | undefined, pick: (run: Run) => number): number => (runs && runs.length ? Math.max(...runs.map(pick)) : Number.NaN);
export const wall = (run: Run): number => run.wallMs;
export const cpu = (run: Run): number => run.cpuMs;
export const rss = (run: Run): number => run.peakRss;

/** Median of per-pair ratios a[i]/b[i]: each pair ran back to back, so both saw about the same machine. */
export const pairRatio = (a: Run[] | undefined, b: Run[] | undefined, pick: (run: Run) => number): number => {
  if (!a || !b) return Number.NaN;
  const pairs = Math.min(a.length, b.length);
  return median(Array.from({ length: pairs }, (_, i) => pick(a[i]!) / pick(b[i]!)));
};

export const s = (ms: number): string => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '–');
export const mb = (bytes: number): string => (Number.isFinite(bytes) && bytes > 0 ? (bytes / 2 ** 20).toFixed(0) : '–');
export const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][], align: 'right' | 'left' = 'right'): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 0 || align === 'left' ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
