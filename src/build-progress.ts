/**
 * How far the build's own work has got (essays rendered, social cards drawn), for the progress
 * `npm run build` shows on a terminal (scripts/build/progress.ts). Kept on `globalThis`: the
 * loader and the og route run in different bundled copies of Quire's modules. With no listener
 * (`astro dev`, `astro build` run directly, the tests) a report does nothing, and a listener that
 * throws is ignored: progress never changes a build.
 */

export type BuildWork = 'essays' | 'cards';

/** Increments: `total` more to do, `done` more finished, `cached` of those done taken from a cache. */
export interface BuildWorkUpdate {
  total?: number;
  done?: number;
  cached?: number;
}

export type BuildWorkListener = (work: BuildWork, update: BuildWorkUpdate) => void;

const shared: { listener?: BuildWorkListener } = ((globalThis as { [key: symbol]: { listener?: BuildWorkListener } })[
  Symbol.for('quire.build-progress')
] ??= {});

export function reportBuildWork(work: BuildWork, update: BuildWorkUpdate): void {
  try {
    shared.listener?.(work, update);
  } catch {
    // The display's problem, never the build's.
  }
}

/** Sets (or, with undefined, removes) the one listener: scripts/build.ts. */
export function listenToBuildWork(listener: BuildWorkListener | undefined): void {
  shared.listener = listener;
}
