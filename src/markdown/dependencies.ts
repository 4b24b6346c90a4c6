import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { VFile } from 'vfile';

/**
 * A file other than the essay itself that its HTML was made from (a data table's CSV, say), with
 * the hash of what was read. The render cache keeps a rendered essay only while each of its
 * dependencies is unchanged, and the posts loader makes them part of the essay's digest, so that
 * editing the file renders the essay, and its page, again.
 */
export interface Dependency {
  /** Absolute path. */
  path: string;
  sha256: string;
}

declare module 'vfile' {
  interface DataMap {
    /** Files the plugins read to render this essay (recordDependency). */
    dependencies: Dependency[];
  }
}

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** Notes that rendering `file` read `bytes` from `path`. */
export function recordDependency(file: VFile, path: string, bytes: Uint8Array): Dependency {
  const dependency = { path, sha256: sha256(bytes) };
  const dependencies = (file.data.dependencies ??= []);
  if (!dependencies.some((known) => known.path === path)) dependencies.push(dependency);
  return dependency;
}

/** The files rendering `file` read, in the order first read. */
export function dependenciesOf(file: VFile): Dependency[] {
  return [...(file.data.dependencies ?? [])];
}

/** Whether every dependency still holds what was read (a missing file has changed). */
export function dependenciesUnchanged(dependencies: readonly Dependency[]): boolean {
  return dependencies.every(({ path, sha256: recorded }) => {
    try {
      return sha256(readFileSync(path)) === recorded;
    } catch {
      return false;
    }
  });
}
