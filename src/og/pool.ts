import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { reportBuildWork } from '../build-progress.ts';
import { OG_CACHE_DIR, ogCardFile, ogCardPng, type OgCard } from './card.ts';
import type { OgCardTask } from './worker.ts';

/**
 * Open Graph cards drawn in worker threads, off Astro's main thread and several at a time.
 * The og route queues every card that is not cached yet as soon as it lists its paths (Astro
 * lists every route's paths before it renders any page), and each card's page then only waits
 * for its card, or reads it from the cache.
 */

/** One card to draw, and whose it is (for error messages): the essay's slug. */
export interface OgCardJob {
  name: string;
  card: OgCard;
}

/**
 * Threads for drawing cards: one per core, at most four (each holds its own satori and resvg,
 * some tens of MB). Astro renders the og route among its first pages, right after listing the
 * paths, so its main thread mostly waits for the cards rather than competing with the workers.
 */
export const defaultOgThreads = (): number => Math.min(4, Math.max(1, os.availableParallelism()));

/**
 * Where `worker.ts` is. Running from source (tests, scripts) it is beside this module; in a
 * build this module is bundled into `<outDir>/.prerender/chunks/`, and the worker is found in
 * the site's `src/og/` from the working directory, which is the site root (as for
 * `OG_CACHE_DIR`). Undefined when neither exists: the pages then draw their own cards.
 */
export function findOgWorker(): string | undefined {
  const beside = import.meta.url.startsWith('file:') ? [path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.ts')] : [];
  return [...beside, path.resolve('src', 'og', 'worker.ts')].find((file) => existsSync(file));
}

/** A pool of worker threads that draw (and cache) cards. Piscina unreferences idle workers: they never keep the process alive. */
export class OgCardPool {
  readonly #pool: Piscina<OgCardTask, Uint8Array>;

  constructor({ workerFile, threads = defaultOgThreads() }: { workerFile: string; threads?: number }) {
    this.#pool = new Piscina({
      filename: workerFile,
      minThreads: threads,
      maxThreads: threads,
      // resvg's native memory (some MB a card) is freed by finalizers that run on the worker's
      // event loop; Piscina's default ('sync') blocks that loop between tasks, and a worker then
      // grows by hundreds of MB and draws half as fast.
      atomics: 'disabled',
    });
  }

  /** The card's PNG, from the cache in `cacheDir` or drawn by a worker (which caches it). */
  async draw(card: OgCard, cacheDir: string): Promise<Buffer> {
    const png = await this.#pool.run({ card: { title: card.title, siteName: card.siteName, date: card.date }, cacheDir });
    return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  }

  destroy(): Promise<void> {
    return this.#pool.destroy();
  }
}

export class OgCardError extends Error {}
OgCardError.prototype.name = 'OgCardError';

const failure = (name: string, cause: unknown) =>
  new OgCardError(`Open Graph card of essay "${name}" could not be drawn: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });

/**
 * Cards being drawn by the pool, by their cache file (settled promises stay until their page
 * takes them), and the pool. Kept on `globalThis`: the content loader queues every card as
 * soon as it knows the titles, and the og route, bundled into another copy of this module by
 * the build, must find those cards rather than draw them twice.
 */
interface Drawing {
  queued: Map<string, Promise<void>>;
  pool: OgCardPool | undefined;
  outstanding: number;
}
const drawing: Drawing = ((globalThis as { [key: symbol]: Drawing })[Symbol.for('quire.og-cards')] ??= {
  queued: new Map(),
  pool: undefined,
  outstanding: 0,
});
const { queued } = drawing;

/**
 * Below this many cards to draw, worker threads cost more than they save: each one loads
 * satori, resvg and the fonts (a few hundred ms) before its first card.
 */
const MIN_CARDS_FOR_WORKERS = 8;

export interface QueueOptions {
  /** Where cards are cached: OG_CACHE_DIR. */
  cacheDir?: string;
  /** Worker threads: defaultOgThreads(). */
  threads?: number;
  /** Fewer cards to draw than this are left to their pages: MIN_CARDS_FOR_WORKERS. */
  minCards?: number;
}

/**
 * Starts drawing, in worker threads, every card of `jobs` that is neither cached nor already
 * queued. Returns how many were queued: 0 also when there are too few to be worth threads, or
 * when no worker file was found; the pages then draw their cards themselves. The pool is
 * destroyed as soon as it has drawn the last queued card, so it never outlives its work.
 */
export function queueOgCards(
  jobs: OgCardJob[],
  { cacheDir = OG_CACHE_DIR, threads = defaultOgThreads(), minCards = MIN_CARDS_FOR_WORKERS }: QueueOptions = {},
): number {
  const misses = new Map<string, OgCardJob>();
  for (const job of jobs) {
    const file = ogCardFile(job.card, cacheDir);
    if (!queued.has(file) && !misses.has(file) && !existsSync(file)) misses.set(file, job);
  }
  if (misses.size === 0 || misses.size < minCards) return 0;
  if (!drawing.pool) {
    const workerFile = findOgWorker();
    if (!workerFile) return 0;
    drawing.pool = new OgCardPool({ workerFile, threads: Math.min(threads, misses.size) });
  }
  const pool = drawing.pool;
  reportBuildWork('cards', { total: misses.size });
  for (const [file, { name, card }] of misses) {
    const drawn = pool.draw(card, cacheDir).then(
      () => undefined,
      (error: unknown) => {
        throw failure(name, error);
      },
    );
    drawing.outstanding++;
    // Marks a failure as handled here; it is thrown by `ogCardForPage` for the card's own page.
    drawn.then(settled, settled);
    queued.set(file, drawn);
  }
  return misses.size;
}

function settled() {
  reportBuildWork('cards', { done: 1 });
  if (--drawing.outstanding === 0 && drawing.pool) {
    void drawing.pool.destroy();
    drawing.pool = undefined;
  }
}

/**
 * The PNG of an essay's card for its page: waits for the card if it is queued, then reads it
 * from the cache, or draws it in this thread (`astro dev`, or a card that was not queued).
 * A card that could not be drawn fails with an error that names the essay.
 */
export async function ogCardForPage({ name, card }: OgCardJob, cacheDir: string = OG_CACHE_DIR): Promise<Buffer> {
  const file = ogCardFile(card, cacheDir);
  const queuedCard = queued.get(file);
  if (queuedCard) {
    queued.delete(file);
    await queuedCard;
  }
  try {
    return await ogCardPng(card, cacheDir);
  } catch (error) {
    throw failure(name, error);
  }
}
