import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
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

/** What a dependency records for a file that was looked for and not found. */
const ABSENT = 'absent';

/**
 * Notes that rendering `file` looked for `path` and found nothing (a site-wide bibliography the
 * site does not have): creating the file must render the essay again.
 */
export function recordAbsence(file: VFile, path: string): void {
  const dependencies = (file.data.dependencies ??= []);
  if (!dependencies.some((known) => known.path === path)) dependencies.push({ path, sha256: ABSENT });
}

/** The files rendering `file` read, in the order first read. */
export function dependenciesOf(file: VFile): Dependency[] {
  return [...(file.data.dependencies ?? [])];
}

/** What a dependency's file holds now, as a dependency records it: its hash, or `absent`. */
export function currentHash(path: string): string {
  try {
    return sha256(readFileSync(path));
  } catch {
    return ABSENT;
  }
}

/** Whether every dependency still holds what was read (a missing file has changed; an absent one has not appeared). */
export function dependenciesUnchanged(dependencies: readonly Dependency[]): boolean {
  return dependencies.every(({ path, sha256: recorded }) => {
    if (recorded === ABSENT) return !existsSync(path);
    try {
      return sha256(readFileSync(path)) === recorded;
    } catch {
      return false;
    }
  });
}
