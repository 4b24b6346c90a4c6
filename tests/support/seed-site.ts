import { cpSync } from 'node:fs';
import path from 'node:path';
import { createFixtureSite, type FixtureSite } from './fixture-site.ts';
import { repoRoot } from './paths.ts';

/** Quire's first essay as it ships, kept with the tests: what a user has in `content/` is theirs. */
const SEED_CONTENT = path.join(repoRoot, 'tests', 'fixtures', 'seed');

/**
 * A site of the seed essay alone, built once into a fixture folder: never the essays a user
 * keeps in `content/posts/`, which `npm test` must not depend on (an import of a whole Jekyll
 * blog there must not turn the tests red).
 */
export async function buildSeedSite(name = 'site', env: Record<string, string> = {}): Promise<FixtureSite> {
  const site = createFixtureSite(name);
  cpSync(SEED_CONTENT, path.join(site.root, 'content'), { recursive: true });
  const result = await site.build(env);
  if (result.code !== 0) throw new Error(`astro build of the repository site failed:\n${result.output}`);
  return site;
}

export const SEED_SLUG = 'ml-research-vs-production';
export const SEED_SOURCE = path.join(SEED_CONTENT, 'posts', `${SEED_SLUG}.md`);
