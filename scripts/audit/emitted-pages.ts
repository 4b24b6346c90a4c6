import { readdirSync } from 'node:fs';
import path from 'node:path';
import { normaliseBasePath } from './static-server.ts';

/** One HTML file the build wrote, and the URL path it is served at. */
export interface EmittedPage {
  /** Absolute path of the `.html` file. */
  file: string;
  /** Path inside the dist folder, with `/` separators: `posts/x/index.html`. */
  distPath: string;
  /** URL path including the base path: `/posts/x/` (directory index) or `/404.html`. */
  urlPath: string;
}

/**
 * Every page the build emitted, found on disk rather than listed by hand, so a new kind of
 * page (tags, archives, 404…) is checked the day it appears.
 */
export function emittedPages(distDir: string, basePath = '/'): EmittedPage[] {
  const base = normaliseBasePath(basePath);
  return listFiles(distDir)
    .filter((distPath) => distPath.endsWith('.html'))
    .sort()
    .map((distPath) => ({ file: path.join(distDir, distPath), distPath, urlPath: urlPathOf(distPath, base) }));
}

/** `index.html` files are served at their directory's URL, with the trailing slash. */
export function urlPathOf(distPath: string, basePath = '/'): string {
  const sitePath = distPath === 'index.html' || distPath.endsWith('/index.html') ? distPath.slice(0, -'index.html'.length) : distPath;
  return normaliseBasePath(basePath) + sitePath;
}

/** Every file below `dir`, as `/`-separated paths relative to it. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}
