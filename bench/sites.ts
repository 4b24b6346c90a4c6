import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFixtureSite, userEnvironment } from '../tests/support/fixture-site.ts';
import { repoRoot } from '../tests/support/paths.ts';

/**
 * The sites a benchmark builds, each a copy under `<repo>/.fixtures/` (so Node finds the
 * repository's node_modules by walking up, while each copy keeps its own Astro cache in
 * `<copy>/node_modules/.astro`):
 * - `quire`: the repository's site code, built by its own `npm run build` (`node scripts/build.ts`);
 * - `baseline`: the plain-Astro blog in `bench/baseline/`, same corpus, same Astro, unified()
 *   without Quire's plugins;
 * - `native`: the same baseline with Astro 7's default (native) Markdown processor.
 */
export type SiteKind = 'quire' | 'baseline' | 'native';

export interface BenchSite {
  kind: SiteKind;
  root: string;
  dist: string;
  /** The command line of a production build, run with `cwd: root`. */
  buildArgs: string[];
  env: NodeJS.ProcessEnv;
  remove(): void;
}

const BASELINE_SOURCE = fileURLToPath(new URL('./baseline/', import.meta.url));
export const ASTRO_BIN = path.join(repoRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');

export function createBenchSite(kind: SiteKind): BenchSite {
  let root: string;
  if (kind === 'quire') {
    root = createFixtureSite('bench-quire').root;
  } else {
    const fixtures = path.join(repoRoot, '.fixtures');
    mkdirSync(fixtures, { recursive: true });
    root = mkdtempSync(path.join(fixtures, `bench-${kind}-`));
    cpSync(BASELINE_SOURCE, root, { recursive: true });
  }
  mkdirSync(path.join(root, 'content', 'posts'), { recursive: true });
  return {
    kind,
    root,
    dist: path.join(root, 'dist'),
    buildArgs: kind === 'quire' ? [path.join(root, 'scripts', 'build.ts')] : [path.join(root, 'build.mjs')],
    env: userEnvironment(kind === 'native' ? { BASELINE_PROCESSOR: 'native' } : {}),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** What a cold build starts from: no dist, no Astro cache (content store, rendered Markdown, Quire's OG cards). */
export function makeCold(site: BenchSite): void {
  for (const entry of ['dist', '.astro', path.join('node_modules', '.astro')]) rmSync(path.join(site.root, entry), { recursive: true, force: true });
}
