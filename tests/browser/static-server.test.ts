import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/audit/static-server.ts';

/** The loopback server the browser tests read the built site from (no browser needed here). */

interface Answer {
  status: number;
  type: string | undefined;
  location: string | undefined;
  body: string;
}

/** A raw GET, so paths reach the server exactly as written (fetch would normalise `..`). */
function get(server: StaticServer, rawPath: string): Promise<Answer> {
  const { hostname, port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], location: res.headers.location, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static server', () => {
  let dist: string;
  let root: StaticServer;
  let blog: StaticServer;
  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'quire-static-'));
    const files: Record<string, string> = {
      'index.html': 'home',
      '404.html': 'not here',
      'posts/a/index.html': 'post a',
      '_astro/site.css': 'body{}',
      '_astro/app.js': 'x',
      'images/a.svg': '<svg/>',
      'fonts/f.woff2': 'w',
      'feed.xml': '<rss/>',
      'notes/plain.txt': 'txt',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
      writeFileSync(path.join(dist, file), text);
    }
    root = await startStaticServer(dist);
    blog = await startStaticServer(dist, { basePath: '/blog/' });
  });
  afterAll(async () => {
    await root?.close();
    await blog?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('listens on loopback and serves a directory’s index.html', async () => {
    expect(root.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await get(root, '/')).toMatchObject({ status: 200, body: 'home', type: 'text/html; charset=utf-8' });
    expect(await get(root, '/posts/a/')).toMatchObject({ status: 200, body: 'post a' });
  });

  it('redirects a directory named without its slash', async () => {
    expect(await get(root, '/posts/a?x=1')).toMatchObject({ status: 301, location: '/posts/a/?x=1' });
  });

  it('answers unknown paths with 404.html and status 404', async () => {
    expect(await get(root, '/nowhere/')).toMatchObject({ status: 404, body: 'not here', type: 'text/html; charset=utf-8' });
    expect(await get(root, '/posts/')).toMatchObject({ status: 404, body: 'not here' });
  });

  it('never serves a file outside the dist folder', async () => {
    expect((await get(root, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get(root, '/..%2f..%2fetc/passwd')).status).toBe(404);
  });

  it('sends the right content types', async () => {
    const types = await Promise.all(['/_astro/site.css', '/_astro/app.js', '/images/a.svg', '/fonts/f.woff2', '/feed.xml', '/notes/plain.txt'].map(async (p) => (await get(root, p)).type));
    expect(types).toEqual([
      'text/css; charset=utf-8',
      'text/javascript; charset=utf-8',
      'image/svg+xml',
      'font/woff2',
      'application/xml; charset=utf-8',
      'text/plain; charset=utf-8',
    ]);
  });

  it('serves a site under a base path, and nothing outside it', async () => {
    expect(blog.siteUrl).toBe(`${blog.origin}/blog/`);
    expect(blog.url('posts/a/')).toBe(`${blog.origin}/blog/posts/a/`);
    expect(await get(blog, '/blog/posts/a/')).toMatchObject({ status: 200, body: 'post a' });
    expect(await get(blog, '/blog')).toMatchObject({ status: 301, location: '/blog/' });
    expect((await get(blog, '/posts/a/')).status).toBe(404);
    expect((await get(blog, '/')).status).toBe(404);
  });
});
