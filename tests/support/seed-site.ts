import { cpSync } from 'node:fs';
import path from 'node:path';
import { createFixtureSite, type FixtureSite } from './fixture-site.ts';
import { repoRoot } from './paths.ts';

/**
 * The repository's own site (its real `content/`), built once into a fixture folder.
 * Building a copy keeps the working tree's `dist/` and Astro cache out of the tests.
 */
export async function buildRepositorySite(name = 'site', env: Record<string, string> = {}): Promise<FixtureSite> {
  const site = createFixtureSite(name);
  cpSync(path.join(repoRoot, 'content'), path.join(site.root, 'content'), { recursive: true });
  const result = await site.build(env);
  if (result.code !== 0) throw new Error(`astro build of the repository site failed:\n${result.output}`);
  return site;
}

export const SEED_SLUG = 'ml-research-vs-production';
export const SEED_SOURCE = path.join(repoRoot, 'content', 'posts', `${SEED_SLUG}.md`);
