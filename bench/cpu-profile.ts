import { readFileSync } from 'node:fs';

/**
 * Reads a V8 `.cpuprofile` (what `node --cpu-prof` writes) and sums its samples: self time by
 * function and by package, and "inclusive" time (samples with the function or package anywhere
 * on the stack, each sample counted once). Durations in ms.
 */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Cost {
  key: string;
  ms: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** `(idle)`, `(program)`, `(garbage collector)` */
  special: Record<string, number>;
  selfByFunction: Cost[];
  selfByPackage: Cost[];
  inclusiveByPackage: Cost[];
  inclusiveByFunction: Cost[];
  /** The profile cut into equal slices of time, each with its packages by self time. */
  timeline: { startMs: number; endMs: number; costs: Cost[] }[];
}

export interface SummaryOptions {
  /** Absolute paths to strip from URLs (the site copy's root, the repository's root). */
  roots: string[];
  /** How many slices the timeline has (20 by default). */
  slices?: number;
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

export function summariseProfile(file: string, options: SummaryOptions): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  // A sample lasts until the next one (the last gets the mean).
  const self = new Map<number, number>();
  const deltas = profile.timeDeltas;
  const mean = deltas.length ? deltas.reduce((a, b) => a + b, 0) / deltas.length : 0;
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (i + 1 < deltas.length ? deltas[i + 1]! : mean) / 1000));

  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const functionKey = (frame: CallFrame) => `${frame.functionName || '(anonymous)'}  ${shortUrl(frame.url, options.roots)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
  const packageKey = (frame: CallFrame) => packageOf(frame, options.roots);

  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  const selfByFunction = new Map<string, number>();
  const selfByPackage = new Map<string, number>();
  const inclusiveByPackage = new Map<string, number>();
  const inclusiveByFunction = new Map<string, number>();
  const special: Record<string, number> = {};
  let totalMs = 0;

  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    totalMs += ms;
    const name = node.callFrame.functionName;
    if (SPECIAL.has(name) && !node.callFrame.url) {
      special[name] = (special[name] ?? 0) + ms;
      add(selfByFunction, name, ms);
      add(selfByPackage, name, ms);
      continue;
    }
    add(selfByFunction, functionKey(node.callFrame), ms);
    add(selfByPackage, packageKey(node.callFrame), ms);
    // Walk up the stack once per sampled node, counting each function and package once.
    const functions = new Set<string>();
    const packages = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const frame = byId.get(current)!.callFrame;
      if (SPECIAL.has(frame.functionName)) continue;
      functions.add(functionKey(frame));
      packages.add(packageKey(frame));
    }
    for (const key of functions) add(inclusiveByFunction, key, ms);
    for (const key of packages) add(inclusiveByPackage, key, ms);
  }
  const sorted = (map: Map<string, number>): Cost[] => [...map].map(([key, ms]) => ({ key, ms })).sort((a, b) => b.ms - a.ms);

  // Timeline: when each sample was taken, and the package of the function it was in.
  const slices = options.slices ?? 20;
  const spanMs = (profile.endTime - profile.startTime) / 1000;
  const buckets = Array.from({ length: slices }, () => new Map<string, number>());
  let at = 0;
  profile.samples.forEach((id, i) => {
    at += deltas[i]! / 1000;
    const duration = i + 1 < deltas.length ? deltas[i + 1]! / 1000 : mean / 1000;
    const frame = byId.get(id)!.callFrame;
    const key = SPECIAL.has(frame.functionName) && !frame.url ? frame.functionName : packageKey(frame);
    add(buckets[Math.min(slices - 1, Math.floor((at / spanMs) * slices))]!, key, duration);
  });
  const timeline = buckets.map((bucket, i) => ({ startMs: (i * spanMs) / slices, endMs: ((i + 1) * spanMs) / slices, costs: sorted(bucket) }));
  return {
    timeline,
    totalMs,
    special,
    selfByFunction: sorted(selfByFunction),
    selfByPackage: sorted(selfByPackage),
    inclusiveByPackage: sorted(inclusiveByPackage),
    inclusiveByFunction: sorted(inclusiveByFunction),
  };
}

function shortUrl(url: string, roots: string[]): string {
  let path = url.replace(/^file:\/\//, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    // Keep it as it is.
  }
  const nodeModules = path.lastIndexOf('/node_modules/');
  if (nodeModules >= 0) return path.slice(nodeModules + '/node_modules/'.length);
  for (const root of roots) if (path.startsWith(root)) return path.slice(root.length).replace(/^\//, '');
  return path;
}

/**
 * Which package a frame belongs to: an npm package (`shiki`, `@shikijs/core`), `node:` for
 * Node's own JavaScript, `quire src/<folder>` for the site's own code, `(V8 builtins)` for
 * frames without a script (JSON.parse, RegExp, …), or the file for anything else.
 */
export function packageOf(frame: CallFrame, roots: string[]): string {
  const url = frame.url;
  if (!url) return SPECIAL.has(frame.functionName) ? frame.functionName : '(V8 builtins, native)';
  if (url.startsWith('node:')) return 'node: (Node internals)';
  const path = url.replace(/^file:\/\//, '');
  const nodeModules = path.lastIndexOf('/node_modules/');
  if (nodeModules >= 0) {
    const rest = path.slice(nodeModules + '/node_modules/'.length).split('/');
    if (rest[0] === '.astro' || rest[0] === '.vite') return `(site bundle in node_modules/${rest[0]})`;
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const short = shortUrl(url, roots);
  const srcMatch = /^src\/([^/]+)\//.exec(short);
  if (srcMatch) return `quire src/${srcMatch[1]}`;
  if (short.startsWith('src/')) return 'quire src';
  if (short.startsWith('scripts/')) return 'quire scripts';
  if (/^\.dist-building-\d+\//.test(short) || short.startsWith('dist/')) return '(site bundle: built chunks)';
  return short;
}

const ms = (value: number) => `${value.toFixed(0)} ms`.padStart(9);
const pct = (value: number, total: number) => `${((100 * value) / total).toFixed(1)}%`.padStart(6);

export function formatCosts(title: string, costs: Cost[], total: number, limit: number): string {
  return [title, ...costs.slice(0, limit).map((cost) => `${ms(cost.ms)} ${pct(cost.ms, total)}  ${cost.key}`)].join('\n');
}

/** One line per slice of time: its top packages by self time, as shares of the slice. */
export function formatTimeline(timeline: ProfileSummary['timeline'], top = 3): string {
  return timeline
    .map(({ startMs, endMs, costs }) => {
      const total = costs.reduce((sum, cost) => sum + cost.ms, 0) || 1;
      const range = `${(startMs / 1000).toFixed(1).padStart(5)}–${(endMs / 1000).toFixed(1).padStart(5)} s`;
      return `${range}  ${costs
        .slice(0, top)
        .map((cost) => `${cost.key} ${Math.round((100 * cost.ms) / total)}%`)
        .join(', ')}`;
    })
    .join('\n');
}
