import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A small static host for a built site, on a loopback port, behaving like the hosts Quire is
 * deployed to: `dir/` serves `dir/index.html`, `dir` redirects to `dir/`, an unknown path gets
 * `404.html` (when the site has one) with status 404, and the site can live under a base path
 * such as `/blog/`, outside of which nothing exists.
 */
export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The site's root URL, origin plus base path (always ending in `/`). */
  siteUrl: string;
  /** Absolute URL of a site path given relative to the base path (`posts/x/` or `/posts/x/`). */
  url(sitePath: string): string;
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** Path prefix the site is served under; `/` by default. */
  basePath?: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export function normaliseBasePath(basePath: string): string {
  const trimmed = basePath.trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

export async function startStaticServer(root: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const basePath = normaliseBasePath(options.basePath ?? '/');
  const siteRoot = path.resolve(root);
  const server = createServer((request, response) => {
    try {
      handle(siteRoot, basePath, request, response);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(String(error));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const siteUrl = `${origin}${basePath}`;
  return {
    origin,
    siteUrl,
    url: (sitePath) => new URL(sitePath.replace(/^\/+/, ''), siteUrl).href,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // A browser keeps connections alive; closing them is what lets `close` finish.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function handle(siteRoot: string, basePath: string, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' });
    response.end();
    return;
  }
  const requestUrl = new URL(request.url ?? '/', 'http://localhost');
  let pathname: string;
  try {
    pathname = decodeURIComponent(requestUrl.pathname);
  } catch {
    return notFound(siteRoot, response, request.method === 'HEAD');
  }
  // The base path without its trailing slash is the site's root too, as on most hosts.
  if (`${pathname}/` === basePath) return redirect(response, basePath + requestUrl.search);
  if (!pathname.startsWith(basePath)) return notFound(siteRoot, response, request.method === 'HEAD');

  const file = path.resolve(siteRoot, `.${path.posix.sep}${pathname.slice(basePath.length)}`);
  const insideRoot = file === siteRoot || file.startsWith(siteRoot + path.sep);
  if (!insideRoot || !existsSync(file)) return notFound(siteRoot, response, request.method === 'HEAD');

  if (statSync(file).isDirectory()) {
    if (!pathname.endsWith('/')) return redirect(response, `${requestUrl.pathname}/${requestUrl.search}`);
    const index = path.join(file, 'index.html');
    if (!existsSync(index)) return notFound(siteRoot, response, request.method === 'HEAD');
    return sendFile(response, index, 200, request.method === 'HEAD');
  }
  return sendFile(response, file, 200, request.method === 'HEAD');
}

function sendFile(response: ServerResponse, file: string, status: number, headOnly: boolean): void {
  response.writeHead(status, {
    'content-type': contentTypeFor(file),
    'content-length': statSync(file).size,
    // Every test run serves a fresh build; nothing should be cached between them.
    'cache-control': 'no-store',
  });
  if (headOnly) response.end();
  else createReadStream(file).pipe(response);
}

function notFound(siteRoot: string, response: ServerResponse, headOnly: boolean): void {
  const page = path.join(siteRoot, '404.html');
  if (existsSync(page)) return sendFile(response, page, 404, headOnly);
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(headOnly ? undefined : 'Not found');
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(301, { location });
  response.end();
}
