import { describe, expect, it } from 'vitest';
import { readAstroLog } from '../../scripts/build/astro-progress.ts';
import {
  BuildProgress,
  estimateRemaining,
  formatCount,
  formatDuration,
  formatStatusLine,
  formatSummary,
  isInteractive,
  StatusLine,
  type ProgressState,
} from '../../scripts/build/progress.ts';

const ESCAPE = '\x1b';

describe('the estimate of what is left', () => {
  const counter = { done: 10, total: 30, cached: 0, startedAt: 1_000 };

  it('is elapsed / done × (total − done), once the count has run more than 2 s', () => {
    expect(estimateRemaining(counter, 2_900)).toBeUndefined();
    expect(estimateRemaining(counter, 5_000)).toBe(8_000);
  });

  it('leaves out what came from a cache, which took no time', () => {
    expect(estimateRemaining({ ...counter, done: 12, cached: 2 }, 5_000)).toBe(7_200);
    expect(estimateRemaining({ ...counter, done: 12, cached: 12 }, 5_000)).toBeUndefined();
  });

  it('is not given without a total, or once the count is complete', () => {
    expect(estimateRemaining({ ...counter, total: undefined }, 9_000)).toBeUndefined();
    expect(estimateRemaining({ ...counter, done: 30 }, 9_000)).toBeUndefined();
  });
});

describe('a count on the status line', () => {
  it('gives done/total and, after 2 s, about how long is left, rounded up', () => {
    const essays = { done: 10, total: 30, cached: 0, startedAt: 0 };
    expect(formatCount('essays', essays, 1_500)).toBe('10/30 essays rendered');
    expect(formatCount('essays', essays, 4_000)).toBe('10/30 essays rendered, about 8 s left');
    expect(formatCount('images', { ...essays, done: 1 }, 6_000)).toBe('1/30 images encoded, about 3 min left');
    expect(formatCount('pages', { ...essays, total: undefined }, 4_000)).toBe('10 pages written');
  });
});

describe('the status line', () => {
  const state = (): ProgressState => ({
    startedAt: -20_000,
    phases: [
      { name: 'content', startedAt: -20_000, endedAt: -8_000 },
      { name: 'bundle', startedAt: -8_000, endedAt: 0 },
      { name: 'pages', startedAt: 0 },
    ],
    counters: {
      essays: { done: 240, total: 240, cached: 0, startedAt: -18_000 },
      cards: { done: 200, total: 240, cached: 0, startedAt: -5_000 },
      pages: { done: 120, total: 262, cached: 0, startedAt: 0 },
    },
  });

  it('shows the phase, its counts first, then any other count still running, with estimates', () => {
    expect(formatStatusLine(state(), 6_000, 200)).toBe('pages 6 s · 120/262 pages written, about 8 s left · 200/240 cards drawn, about 3 s left');
  });

  it('says what the phase does while it has no count', () => {
    const bundling: ProgressState = { startedAt: 0, phases: [{ name: 'bundle', startedAt: 0 }], counters: {} };
    expect(formatStatusLine(bundling, 9_500)).toBe('bundle 9 s · bundling the pages, scripts and styles');
  });

  it('fits the terminal, so that it never wraps onto a second line', () => {
    const line = formatStatusLine(state(), 6_000, 40);
    expect(line).toHaveLength(39);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('the summary line', () => {
  it('is one line: the total, then each phase with its time and counts, what came from a cache after a semicolon', () => {
    const state: ProgressState = {
      startedAt: 0,
      phases: [
        { name: 'content', startedAt: 0, endedAt: 6_100 },
        { name: 'bundle', startedAt: 6_100, endedAt: 9_000 },
        { name: 'pages', startedAt: 9_000, endedAt: 18_800 },
        { name: 'images', startedAt: 18_800, endedAt: 21_800 },
        { name: 'search index', startedAt: 21_800, endedAt: 23_200 },
      ],
      counters: {
        essays: { done: 240, total: 240, cached: 0, startedAt: 1_000 },
        cards: { done: 240, total: 240, cached: 0, startedAt: 5_000 },
        pages: { done: 262, total: 262, cached: 250, startedAt: 9_000 },
        files: { done: 243, total: 243, cached: 3, startedAt: 9_000 },
        images: { done: 40, total: 40, cached: 0, startedAt: 18_800 },
      },
    };
    expect(formatSummary(state, 23_400, 'Built dist/')).toBe(
      'Built dist/ in 23.4 s — content 6.1 s (240 essays, 240 cards), bundle 2.9 s, pages 9.8 s (262 pages, 243 files; 253 from cache), images 3.0 s (40 images), search index 1.4 s',
    );
  });

  it('counts one of a thing in the singular', () => {
    const state: ProgressState = {
      startedAt: 0,
      phases: [{ name: 'content', startedAt: 0, endedAt: 1_000 }],
      counters: { essays: { done: 1, total: 1, cached: 0, startedAt: 0 }, cards: { done: 2, total: 2, cached: 0, startedAt: 0 } },
    };
    expect(formatSummary(state, 1_000, 'Built dist/')).toBe('Built dist/ in 1.0 s — content 1.0 s (1 essay, 2 cards)');
  });

  it('gives long times in minutes', () => {
    expect(formatDuration(59_940)).toBe('59.9 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});

describe('redrawing the status line', () => {
  const terminal = () => {
    let now = 0;
    const writes: string[] = [];
    const line = new StatusLine((text) => writes.push(text), () => now);
    return { line, writes, at: (ms: number) => (now = ms) };
  };

  it('draws over itself with a carriage return, only when the text changed', () => {
    const { line, writes, at } = terminal();
    expect(line.show('a')).toBe(true);
    at(500);
    expect(line.show('a')).toBe(false);
    expect(writes).toEqual(['\r\x1b[2Ka']);
  });

  it('draws at most ten times a second, however often it is told to', () => {
    const { line, writes, at } = terminal();
    for (let ms = 0; ms < 1_000; ms++) {
      at(ms);
      line.show(`frame ${ms}`);
    }
    expect(writes).toHaveLength(10);
    expect(writes.slice(0, 2)).toEqual(['\r\x1b[2Kframe 0', '\r\x1b[2Kframe 100']);
  });

  it('is erased for other output, and drawn again at once after it', () => {
    const { line, writes, at } = terminal();
    line.show('a');
    at(10);
    line.clear();
    line.clear();
    expect(line.show('a')).toBe(true);
    expect(writes).toEqual(['\r\x1b[2Ka', '\r\x1b[2K', '\r\x1b[2Ka']);
  });
});

describe('whether a build draws a status line', () => {
  it('does on a terminal, not in CI, not into a pipe or file, not on a dumb terminal', () => {
    expect(isInteractive({ isTTY: true }, {})).toBe(true);
    expect(isInteractive({ isTTY: true }, { CI: 'true' })).toBe(false);
    expect(isInteractive({ isTTY: true }, { CI: '1' })).toBe(false);
    expect(isInteractive({ isTTY: true }, { CI: 'false' })).toBe(true);
    expect(isInteractive({ isTTY: false }, {})).toBe(false);
    expect(isInteractive({}, {})).toBe(false);
    expect(isInteractive({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });
});

/** A stream that records what is written to it. */
function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, columns: 200, write: (chunk: string) => (written.push(String(chunk)), true) };
  return { stream: stream as unknown as NodeJS.WriteStream, written, original: stream.write };
}

describe('BuildProgress', () => {
  it('prints one plain line as each phase starts when output is not a terminal: no carriage return, no escape code', () => {
    const stdout = fakeStream(false);
    let now = 0;
    const progress = new BuildProgress({ stdout: stdout.stream, stderr: fakeStream(false).stream, interactive: false, now: () => now });
    progress.add('essays', { total: 3, done: 1, cached: 1 });
    progress.add('essays', { done: 2 });
    now = 4_000;
    progress.startPhase('bundle');
    progress.startPhase('content'); // earlier: ignored
    now = 5_000;
    progress.startPhase('pages');
    progress.set('pages', { total: 2 });
    progress.add('pages', { done: 2 });
    now = 6_000;
    progress.startPhase('search index');
    now = 6_500;
    progress.finish();
    const output = stdout.written.join('');
    expect(output).toBe(
      [
        'content: reading, checking and rendering the essays',
        'bundle: bundling the pages, scripts and styles',
        'pages: writing the pages',
        'search index: indexing the pages for search, writing the sitemap',
        '',
      ].join('\n'),
    );
    expect(progress.summary('Built dist/')).toBe(
      'Built dist/ in 6.5 s — content 4.0 s (3 essays; 1 from cache), bundle 1.0 s, pages 1.0 s (2 pages), search index 0.5 s',
    );
  });

  it('on a terminal, takes the status line away before other output, and leaves the streams as they were', () => {
    const stdout = fakeStream(true);
    const stderr = fakeStream(true);
    let now = 0;
    const progress = new BuildProgress({ stdout: stdout.stream, stderr: stderr.stream, interactive: true, now: () => now });
    try {
      now = 1_000;
      progress.add('essays', { total: 3 });
      expect(stdout.written.at(-1)).toBe('\r\x1b[2Kcontent 1 s · 0/3 essays rendered');
      stderr.stream.write('12:00:00 [WARN] content/posts/a.md: undated\n');
      expect(stdout.written.at(-1)).toBe('\r\x1b[2K');
      expect(stderr.written).toEqual(['12:00:00 [WARN] content/posts/a.md: undated\n']);
      now = 1_200;
      progress.add('essays', { done: 1 });
      expect(stdout.written.at(-1)).toBe('\r\x1b[2Kcontent 1 s · 1/3 essays rendered');
    } finally {
      progress.finish();
    }
    expect(stdout.written.at(-1)).toBe('\r\x1b[2K');
    expect(stdout.stream.write).toBe(stdout.original);
    expect(stderr.stream.write).toBe(stderr.original);
    expect(stdout.written.join('')).not.toContain('\n');
    expect(progress.summary('Built dist/')).not.toContain(ESCAPE);
  });
});

describe("reading Astro's log", () => {
  // As Astro 7 prints them (core/build/generate.js, assets/build/generate.js), colours included.
  const line = (label: string | null, message: string) => readAstroLog({ label, message });

  it('knows the banners that start the pages and the images', () => {
    expect(line('SKIP_FORMAT', '\n\x1b[42m\x1b[30m generating static routes \x1b[39m\x1b[49m')).toEqual({ phase: 'pages' });
    expect(line('SKIP_FORMAT', '\x1b[42m\x1b[30m generating optimized images \x1b[39m\x1b[49m')).toEqual({ phase: 'images' });
  });

  it('tells a page from an endpoint’s file, and one written from one reused', () => {
    expect(line(null, '  \x1b[34m├─\x1b[39m \x1b[2m/posts/a/index.html\x1b[22m')).toEqual({ writing: 'pages' });
    expect(line(null, '  \x1b[32m├─\x1b[39m \x1b[2m/og/a.png\x1b[22m')).toEqual({ writing: 'files' });
    expect(line('SKIP_FORMAT', ' \x1b[2m(+12ms)\x1b[22m ')).toEqual({ written: { cached: false } });
    expect(line('SKIP_FORMAT', ' \x1b[32m(cached)\x1b[39m')).toEqual({ written: { cached: true } });
    expect(line('SKIP_FORMAT', ' \x1b[32m(restored)\x1b[39m')).toEqual({ written: { cached: true } });
  });

  it('reads the count of each image encoded', () => {
    expect(line(null, '  \x1b[32m▶\x1b[39m /_astro/pic.webp \x1b[2m(before: 23kB, after: 1kB)\x1b[22m \x1b[2m(+114ms)\x1b[22m \x1b[2m(3/24)\x1b[22m')).toEqual({
      image: { done: 3, total: 24, cached: false },
    });
    expect(line(null, '  ▶ /_astro/pic.webp (reused cache entry) (+2ms) (24/24)')).toEqual({ image: { done: 24, total: 24, cached: true } });
  });

  it('ignores the rest', () => {
    expect(line('vite', '✓ built in 1.45s')).toBeUndefined();
    expect(line('build', 'Building static entrypoints...')).toBeUndefined();
    expect(line('SKIP_FORMAT', 'Complete!')).toBeUndefined();
  });
});
