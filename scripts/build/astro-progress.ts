/**
 * What Astro tells `npm run build`'s progress (scripts/build/progress.ts), through an
 * integration that scripts/build.ts adds to its own `build()` call only (`astro build` and
 * `astro dev` never see it):
 * - its hooks mark where the phases begin: bundling at `astro:build:start`, the search index
 *   and the other end-of-build work at `astro:build:generated`;
 * - Astro's default prerenderer, wrapped, says how many pages there are to write (the wrapper
 *   only counts what `getStaticPaths` returns and hands everything else to it);
 * - Astro's log, read at `info` while the build asked for `warn`: its per-page and per-image
 *   lines become counts (`(12/40)`), its banners start the pages and images phases, and its
 *   other `info` lines are dropped as before. Warnings and errors are passed on, unchanged, to
 *   Astro's own destination.
 * If Astro changes what it logs, only the display loses detail; the build is the same.
 */
import type { AstroIntegration, AstroIntegrationLogger, AstroLoggerDestination, AstroLoggerMessage, AstroPrerenderer } from 'astro';
import type { BuildProgress } from './progress.ts';

/** What one of Astro's `info` lines says about the build's progress. */
export type AstroLogNews =
  | { phase: 'pages' | 'images' }
  | { writing: 'pages' | 'files' }
  | { written: { cached: boolean } }
  | { image: { done: number; total: number; cached: boolean } };

const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Reads one of Astro 7's log events (core/build/generate.js, assets/build/generate.js): the
 * banners ` generating static routes ` and ` generating optimized images `; before each page
 * or endpoint's file, `├─ /posts/x/index.html` (a page is HTML; an endpoint writes a feed, a
 * card's PNG…), after it ` (+12ms)`, or ` (cached)`/` (restored)` when the incremental build
 * reused it; after each image, `▶ /_astro/x.webp (before: 23kB, after: 1kB) (+114ms) (1/24)`.
 */
export function readAstroLog(event: Pick<AstroLoggerMessage, 'label' | 'message'>): AstroLogNews | undefined {
  const text = event.message.replace(ANSI, '');
  if (event.label === 'SKIP_FORMAT') {
    if (/\b(generating|prerendering) static routes\b/.test(text)) return { phase: 'pages' };
    if (/\bgenerating optimized images\b/.test(text)) return { phase: 'images' };
    const written = /^\s*\((\+|cached\)|restored\))/.exec(text);
    return written ? { written: { cached: written[1] !== '+' } } : undefined;
  }
  const writing = event.label === null ? /├─ (\S+)/.exec(text) : null;
  if (writing) return { writing: writing[1]!.endsWith('.html') ? 'pages' : 'files' };
  const image = event.label === null ? /▶ .*\((\d+)\/(\d+)\)\s*$/.exec(text) : null;
  if (image) return { image: { done: Number(image[1]), total: Number(image[2]), cached: /\((reused|revalidated) cache entry\)/.test(text) } };
  return undefined;
}

export function buildProgressIntegration(progress: BuildProgress): AstroIntegration {
  let hasAdapter = false;
  // Pages and files being written, in the order Astro began them (one at a time, unless
  // `build.concurrency` says otherwise).
  const writing: ('pages' | 'files')[] = [];
  return {
    name: 'quire-build-progress',
    hooks: {
      'astro:config:setup': ({ logger }) => readInfoLines(logger, (event) => takeNews(progress, writing, readAstroLog(event))),
      'astro:config:done': ({ config }) => {
        hasAdapter = config.adapter !== undefined;
      },
      'astro:build:start': ({ setPrerenderer }) => {
        progress.startPhase('bundle');
        // An adapter may bring its own prerenderer, and changes how Astro bundles when one is set.
        if (!hasAdapter) setPrerenderer((prerenderer) => countingPages(prerenderer, progress));
      },
      'astro:build:generated': () => progress.startPhase('search index'),
    },
  };
}

function takeNews(progress: BuildProgress, writing: ('pages' | 'files')[], news: AstroLogNews | undefined): void {
  if (!news) return;
  if ('phase' in news) progress.startPhase(news.phase);
  else if ('writing' in news) writing.push(news.writing);
  else if ('written' in news) progress.add(writing.shift() ?? 'pages', { done: 1, cached: news.written.cached ? 1 : 0 });
  else {
    progress.set('images', { done: news.image.done, total: news.image.total });
    if (news.image.cached) progress.add('images', { cached: 1 });
  }
}

/**
 * Has Astro's logger (whose options every integration's logger shares) hand its `info` lines
 * to `onInfo` instead of printing them; warnings and errors still go to its destination. Only
 * when the build asked for `warn`, as scripts/build.ts does.
 */
function readInfoLines(logger: AstroIntegrationLogger, onInfo: (event: AstroLoggerMessage) => void): void {
  const options = logger.options as { level?: string; destination?: AstroLoggerDestination } | undefined;
  const printing = options?.destination;
  if (!options || !printing || options.level !== 'warn') return;
  options.destination = {
    write(event) {
      if (event.level !== 'info') return printing.write(event);
      try {
        onInfo(event);
      } catch {
        // The display's problem, never the build's.
      }
    },
    flush: () => printing.flush?.(),
    close: () => printing.close?.(),
  };
  options.level = 'info';
}

/**
 * Astro's prerenderer, reporting how many distinct pages (HTML: pages, redirects) and files
 * (what endpoints write) it was asked for; everything else is its own.
 */
function countingPages(prerenderer: AstroPrerenderer, progress: BuildProgress): AstroPrerenderer {
  const counting: AstroPrerenderer = Object.create(prerenderer);
  counting.getStaticPaths = async () => {
    const paths = await prerenderer.getStaticPaths();
    try {
      progress.startPhase('pages');
      const distinct = new Map(paths.map(({ pathname, route }) => [pathname.replace(/\/$/, ''), route.type === 'endpoint' ? 'files' : 'pages']));
      const files = [...distinct.values()].filter((kind) => kind === 'files').length;
      progress.set('pages', { total: distinct.size - files });
      if (files > 0) progress.set('files', { total: files });
    } catch {
      // As above.
    }
    return paths;
  };
  return counting;
}
