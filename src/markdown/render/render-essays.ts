import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { Outline } from '../outline.ts';
import {
  createEssayRenderer,
  renderOutcome,
  type EssayToRender,
  type RenderedEssay,
  type RendererSettings,
  type RenderOutcome,
} from './essay-renderer.ts';
import type { RenderTask } from './render-worker.ts';
import { readCacheEntry, writeCacheEntry } from './render-cache-entry.ts';
import { dependenciesUnchanged } from '../dependencies.ts';

/**
 * Below this many essays to render, worker threads cost more than they save: each one loads
 * the whole pipeline (unified, Shiki's grammars, KaTeX) before its first essay.
 */
const MIN_ESSAYS_FOR_WORKERS = 24;

/** Bump when what is cached changes shape. */
const CACHE_FORMAT = 5;

export interface RenderEssaysOptions {
  settings: RendererSettings;
  /** Where rendered essays are kept between builds; undefined: no cache. */
  cacheDir?: string;
  /** Identifies the pipeline's code and config (pipelineFingerprint): part of every cache key. */
  fingerprint: string;
  /** The worker module (src/markdown/render/render-worker.ts). */
  workerFile: string;
  threads?: number;
  /**
   * Delete cached essays that are not among `essays` (when `essays` is every essay of the site):
   * the cache holds the site as it is, not every version of it ever rendered.
   */
  prune?: boolean;
  /**
   * Told how far the rendering has got, in increments: once the cache has been read (`total`
   * essays, `done` and `cached` those found in it), then `done: 1` after each essay rendered.
   */
  onProgress?: (update: { total?: number; done?: number; cached?: number }) => void;
}

/** How the essays were obtained, for the build's log and the benchmark. */
export interface RenderStats {
  cached: number;
  rendered: number;
  threads: number;
}

/**
 * Renders `.md` essays through the site's pipeline: from the cache when the same essay was
 * rendered by the same pipeline before, otherwise in a pool of worker threads (one renderer
 * and one Shiki highlighter per thread), or in this thread when there are only a few.
 * Returns each essay's outcome by file path; a failed essay has its error message.
 */
export async function renderEssays(
  essays: readonly EssayToRender[],
  options: RenderEssaysOptions,
): Promise<{ outcomes: Map<string, RenderOutcome>; stats: RenderStats }> {
  const outcomes = new Map<string, RenderOutcome>();
  const misses: { essay: EssayToRender; key: string }[] = [];
  for (const essay of essays) {
    const key = cacheKey(essay, options);
    const cached = options.cacheDir ? readCached(options.cacheDir, key) : undefined;
    if (cached) outcomes.set(essay.filePath, { ok: true, rendered: cached, storedAt: cacheFile(options.cacheDir!, key) });
    else misses.push({ essay, key });
  }

  const cached = essays.length - misses.length;
  options.onProgress?.({ total: essays.length, done: cached, cached });

  const threads = Math.min(options.threads ?? availableParallelism(), misses.length);
  const useWorkers = misses.length >= MIN_ESSAYS_FOR_WORKERS && threads > 1;
  const render = useWorkers ? renderInPool(options, threads) : renderInThisThread(options.settings);
  try {
    await Promise.all(
      misses.map(async ({ essay, key }) => {
        const outcome = await render.run({ settings: options.settings, essay });
        if (outcome.ok && options.cacheDir) outcome.storedAt = writeCached(options.cacheDir, key, outcome.rendered);
        outcomes.set(essay.filePath, outcome);
        options.onProgress?.({ done: 1 });
      }),
    );
  } finally {
    await render.close();
  }
  if (options.prune && options.cacheDir) pruneCache(options.cacheDir, new Set([...outcomes.values()].flatMap((o) => (o.ok && o.storedAt ? [o.storedAt] : []))));
  return { outcomes, stats: { cached, rendered: misses.length, threads: useWorkers ? threads : 1 } };
}

interface Runner {
  run(task: RenderTask): Promise<RenderOutcome>;
  close(): Promise<void>;
}

function renderInPool(options: RenderEssaysOptions, threads: number): Runner {
  const pool = new Piscina<RenderTask, RenderOutcome>({
    filename: options.workerFile,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 1_000,
  });
  return { run: (task) => pool.run(task), close: () => pool.destroy() };
}

function renderInThisThread(settings: RendererSettings): Runner {
  const renderer = createEssayRenderer(settings);
  return { run: ({ essay }) => renderOutcome(renderer, essay), close: async () => {} };
}

function cacheKey(essay: EssayToRender, options: RenderEssaysOptions): string {
  return createHash('sha256')
    .update(JSON.stringify([CACHE_FORMAT, options.fingerprint, options.settings, essay.filePath, essay.data, essay.body]))
    .digest('hex')
    .slice(0, 40);
}

function cacheFile(cacheDir: string, key: string): string {
  return path.join(cacheDir, key.slice(0, 2), `${key}.json`);
}

/**
 * A cached essay, or undefined when there is none, it is not exactly what was written, or a file
 * it was made from (a data table's CSV) has changed since.
 */
function readCached(cacheDir: string, key: string): RenderedEssay | undefined {
  const contents = readCacheEntry(cacheFile(cacheDir, key));
  if (contents === undefined) return undefined;
  try {
    const stored = JSON.parse(contents) as RenderedEssay & { outline: Omit<Outline, 'ids'> & { ids: string[] } };
    if (!Array.isArray(stored.findings) || !Array.isArray(stored.dependencies) || !dependenciesUnchanged(stored.dependencies)) return undefined;
    return { ...stored, outline: { ...stored.outline, ids: new Set(stored.outline.ids) } };
  } catch {
    return undefined;
  }
}

function writeCached(cacheDir: string, key: string, rendered: RenderedEssay): string {
  const file = cacheFile(cacheDir, key);
  writeCacheEntry(file, JSON.stringify({ ...rendered, outline: { ...rendered.outline, ids: [...rendered.outline.ids] } }));
  return file;
}

function pruneCache(cacheDir: string, keep: ReadonlySet<string>): void {
  if (!existsSync(cacheDir)) return;
  for (const entry of readdirSync(cacheDir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(cacheDir, entry);
    if (/\.json(\.\d+\.partial)?$/.test(entry) && !keep.has(file)) rmSync(file, { force: true });
  }
}

/**
 * A hash of everything besides an essay's own text that decides its HTML: the source of the
 * renderer and of every module it imports from the project (the Markdown plugins, the site
 * config, the libraries they use; found by following relative imports from
 * src/markdown/render/essay-renderer.ts), and the installed version of every package
 * (node_modules/.package-lock.json, which npm rewrites on every install). A change to any of
 * them renders every essay again; a change to a page or a stylesheet does not.
 */
export function pipelineFingerprint(root: string, srcDir: string): string {
  // The site's base path, which links in an essay's HTML carry, is in the renderer's settings,
  // which are part of every cache key.
  const hash = createHash('sha256').update(String(CACHE_FORMAT));
  const files = [...projectImports(path.join(srcDir, 'markdown', 'render', 'essay-renderer.ts')), installedPackages(root)];
  for (const file of files) {
    if (!file || !existsSync(file)) continue;
    hash.update(`\0${path.relative(root, file)}\0`).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** `entry` and every project file it imports, directly or not, sorted. */
export function projectImports(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) visit(path.resolve(path.dirname(file), specifier!));
  };
  visit(entry);
  return [...seen].sort();
}

/** The nearest node_modules/.package-lock.json, walking up from the project root. */
function installedPackages(root: string): string | undefined {
  for (let dir = root; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '.package-lock.json');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}
