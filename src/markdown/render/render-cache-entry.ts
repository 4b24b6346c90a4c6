import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * One file of the render cache (node_modules/.astro/quire-rendered/): a rendered essay, with
 * the key it was stored under and a hash of its contents. Reading checks both, so a truncated,
 * edited or misplaced file is never taken for a rendered essay. Kept apart from the renderer
 * so that pages can read an essay's HTML without loading the worker pool.
 */
export function writeCacheEntry(file: string, contents: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // Written aside and renamed, so a build stopped half-way never leaves half a file to be read.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify({ key: keyOf(file), sha256: sha256(contents), contents }));
  renameSync(partial, file);
}

/** The contents stored in `file`, or undefined when it is missing or not exactly as written. */
export function readCacheEntry(file: string): string | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown; sha256?: unknown; contents?: unknown };
    if (entry.key !== keyOf(file) || typeof entry.contents !== 'string' || entry.sha256 !== sha256(entry.contents)) return undefined;
    return entry.contents;
  } catch {
    return undefined;
  }
}

const keyOf = (file: string) => path.basename(file, '.json');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
