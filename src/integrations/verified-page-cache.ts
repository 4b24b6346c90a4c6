import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Astro's incremental build (astro.config.ts) copies pages whose code and `cacheKey` did not
 * change from its cache (`node_modules/.astro/dist/`) into the new site, as they are: a file
 * there that was truncated or edited would be published. Astro keeps no hash of them, so this
 * does: after each build it records the hash of every cached page, and before the next one it
 * deletes every cached page that does not match (Astro renders a page whose copy is missing).
 */
export function verifiedPageCache(): AstroIntegration {
  let cacheDir = '';
  return {
    name: 'quire-verified-page-cache',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:build:start': ({ logger }) => {
        const removed = removeUnverifiedPages(cacheDir);
        if (removed.length > 0) logger.warn(`page cache: ${removed.length} cached page(s) changed since they were written, rendered again: ${removed.slice(0, 3).join(', ')}`);
      },
      'astro:build:done': () => {
        recordPageHashes(cacheDir);
      },
    },
  };
}

const pagesDir = (cacheDir: string) => path.join(cacheDir, 'dist');
const manifestFile = (cacheDir: string) => path.join(cacheDir, 'quire-page-hashes.json');

/** Deletes cached pages whose bytes are not those recorded; returns their paths. */
export function removeUnverifiedPages(cacheDir: string): string[] {
  const pages = pagesDir(cacheDir);
  if (!existsSync(pages)) return [];
  let recorded: Record<string, string> = {};
  try {
    recorded = JSON.parse(readFileSync(manifestFile(cacheDir), 'utf8')) as Record<string, string>;
  } catch {
    // No record (a cache written before this check, or a lost one): nothing in it is trusted.
  }
  const removed: string[] = [];
  for (const file of filesIn(pages)) {
    if (recorded[file] === hashOf(path.join(pages, file))) continue;
    rmSync(path.join(pages, file), { force: true });
    removed.push(file);
  }
  return removed;
}

/** Records the hash of every page in Astro's cache, as this build left it. */
export function recordPageHashes(cacheDir: string): void {
  const pages = pagesDir(cacheDir);
  if (!existsSync(pages)) return;
  const hashes = Object.fromEntries(filesIn(pages).map((file) => [file, hashOf(path.join(pages, file))]));
  writeFileSync(manifestFile(cacheDir), JSON.stringify(hashes));
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

const hashOf = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
