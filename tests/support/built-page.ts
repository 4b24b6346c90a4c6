import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { attr, byTag, textOf, type Element } from '../../scripts/audit/html.ts';
import { readHtml } from '../../scripts/audit/html.ts';
import { listFiles } from '../../scripts/audit/emitted-pages.ts';
import { gzipSize } from './page-weight.ts';
import { renderBlockingScripts } from './render-blocking.ts';

/**
 * What one built page costs, read from `dist/` without a browser: the HTML file, the
 * stylesheets it links and the scripts it loads (external files, the modules they import
 * statically, and inline scripts), raw and gzip (zlib level 9, each file on its own, as a host
 * with gzip on would send it). Same numbers on every machine. `npm run bench` prints them and
 * tests/build/page-budgets.test.ts holds them to the budgets; what Chromium actually fetches
 * is measured by tests/support/page-weight.ts (`npm run bench -- --weight`).
 */
export interface Size {
  raw: number;
  gzip: number;
}

export interface AssetSize extends Size {
  /** Site path as written in the page (`/_astro/x.css`), or `inline`. */
  href: string;
}

export interface BuiltPageWeight {
  distPath: string;
  html: Size;
  css: Size & { files: AssetSize[]; inline: Size & { count: number } };
  js: Size & { files: AssetSize[]; inline: Size & { count: number } };
  /** Stylesheets the page links (`<link rel=stylesheet>`): each holds up the first render. */
  stylesheets: number;
  /** Head scripts that hold up the first render (see render-blocking.ts), with the reason. */
  renderBlocking: string[];
  /** `<img>` elements without both `width` and `height`, by `src`. */
  imagesWithoutSize: string[];
  images: number;
  /** References to files the page needs that are not in dist. */
  missing: string[];
}

const JAVASCRIPT_TYPES = ['', 'module', 'text/javascript', 'application/javascript'];

const size = (body: Buffer | string): Size => ({ raw: Buffer.byteLength(body), gzip: body.length > 0 ? gzipSize(body) : 0 });
const total = (sizes: Size[]): Size => sizes.reduce((sum, s) => ({ raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip }), { raw: 0, gzip: 0 });

/** `distPath` is the page's file inside `dist`, like `posts/x/index.html`. */
export function builtPageWeight(dist: string, distPath: string, basePath = '/'): BuiltPageWeight {
  const file = path.join(dist, distPath);
  const source = readFileSync(file);
  const html = readHtml(file);
  const missing: string[] = [];

  /** The file in dist a same-site URL points to, or undefined for another origin. */
  const resolve = (href: string, from: string): string | undefined => {
    const url = new URL(href, new URL(from, 'http://site.invalid/'));
    if (url.origin !== 'http://site.invalid') return undefined;
    const sitePath = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname.replace(/^\//, '');
    return path.join(dist, decodeURIComponent(sitePath));
  };
  const pageUrl = `/${distPath}`;
  const readAsset = (href: string, from: string): { href: string; body: string } | undefined => {
    const target = resolve(href, from);
    if (target === undefined) return undefined;
    if (!existsSync(target) || !statSync(target).isFile()) {
      missing.push(href);
      return undefined;
    }
    return { href: new URL(href, new URL(from, 'http://site.invalid/')).pathname, body: readFileSync(target, 'utf8') };
  };

  const links = byTag(html, 'link');
  const relOf = (link: Element) => (attr(link, 'rel') ?? '').toLowerCase().split(/\s+/);
  const stylesheetLinks = links.filter((link) => relOf(link).includes('stylesheet') && attr(link, 'href'));
  const cssFiles = stylesheetLinks.flatMap((link) => {
    const asset = readAsset(attr(link, 'href')!, pageUrl);
    return asset ? [{ href: asset.href, ...size(asset.body) }] : [];
  });
  const inlineStyles = byTag(html, 'style').map((style) => textOf(style));

  const scripts = byTag(html, 'script').filter((script) => JAVASCRIPT_TYPES.includes((attr(script, 'type') ?? '').trim().toLowerCase()));
  const inlineScripts = scripts.filter((script) => attr(script, 'src') === undefined).map((script) => textOf(script));
  // Module scripts (inline or not) and modulepreload links pull in further chunks by static import.
  const queue: { href: string; from: string }[] = [
    ...scripts.filter((script) => attr(script, 'src') !== undefined).map((script) => ({ href: attr(script, 'src')!, from: pageUrl })),
    ...links.filter((link) => relOf(link).includes('modulepreload') && attr(link, 'href')).map((link) => ({ href: attr(link, 'href')!, from: pageUrl })),
    ...inlineScripts.flatMap((code) => staticImports(code).map((href) => ({ href, from: pageUrl }))),
  ];
  const jsFiles: AssetSize[] = [];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const { href, from } = queue.shift()!;
    const asset = readAsset(href, from);
    if (!asset || seen.has(asset.href)) continue;
    seen.add(asset.href);
    jsFiles.push({ href: asset.href, ...size(asset.body) });
    queue.push(...staticImports(asset.body).map((next) => ({ href: next, from: asset.href })));
  }

  const images = byTag(html, 'img');
  const cssInline = inlineStyles.length ? size(inlineStyles.join('\n')) : { raw: 0, gzip: 0 };
  const jsInline = inlineScripts.length ? size(inlineScripts.join('\n')) : { raw: 0, gzip: 0 };
  return {
    distPath,
    html: size(source),
    css: { ...total([...cssFiles, cssInline]), files: cssFiles, inline: { count: inlineStyles.length, ...cssInline } },
    js: { ...total([...jsFiles, jsInline]), files: jsFiles, inline: { count: inlineScripts.length, ...jsInline } },
    stylesheets: stylesheetLinks.length,
    renderBlocking: renderBlockingScripts(html),
    imagesWithoutSize: images.filter((img) => !attr(img, 'width') || !attr(img, 'height')).map((img) => attr(img, 'src') ?? '(no src)'),
    images: images.length,
    missing,
  };
}

/** Specifiers of `import … from "x"`, `import "x"` and `export … from "x"` that are relative or site paths. */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']/g)) {
    const specifier = match[1]!;
    if (/^(\.{1,2}\/|\/)/.test(specifier)) found.add(specifier);
  }
  return [...found];
}

/** Total bytes of every file in a built site. */
export function distSize(dist: string): { files: number; bytes: number } {
  const files = listFiles(dist);
  return { files: files.length, bytes: files.reduce((sum, file) => sum + statSync(path.join(dist, file)).size, 0) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** A few plain-text lines: HTML, CSS, JS, raw and gzip, with the files behind them. */
export function formatBuiltPageWeight(weight: BuiltPageWeight): string {
  const row = (label: string, s: Size, note = '') => `${label.padEnd(6)}${kb(s.raw).padStart(11)}${kb(s.gzip).padStart(11)}  ${note}`;
  const files = (list: AssetSize[], inline: { count: number }) =>
    [...list.map((f) => f.href.split('/').pop()), inline.count ? `${inline.count} inline` : ''].filter(Boolean).join(', ') || 'none';
  return [
    `${''.padEnd(6)}${'raw'.padStart(11)}${'gzip'.padStart(11)}`,
    row('HTML', weight.html, weight.distPath),
    row('CSS', weight.css, files(weight.css.files, weight.css.inline)),
    row('JS', weight.js, files(weight.js.files, weight.js.inline)),
    row('total', total([weight.html, ...weight.css.files, ...weight.js.files]), '(inline CSS and JS are counted in the HTML too)'),
    `stylesheets linked: ${weight.stylesheets}; render-blocking scripts: ${weight.renderBlocking.length}; images: ${weight.images} (${weight.imagesWithoutSize.length} without width and height)`,
  ].join('\n');
}
