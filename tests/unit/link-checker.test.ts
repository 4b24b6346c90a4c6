import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLinks, srcsetUrls } from '../../scripts/audit/link-checker.ts';

/** A hand-made dist folder: path → contents. */
function makeDist(files: Record<string, string>): string {
  const dist = mkdtempSync(path.join(tmpdir(), 'quire-links-'));
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
    writeFileSync(path.join(dist, file), contents);
  }
  return dist;
}

const page = (head: string, body: string) =>
  `<!doctype html><html lang="en"><head><title>t</title>${head}</head><body>${body}</body></html>`;

/** The same little site, written for any base path (`/` or `/blog/`). */
function tinySite(base: string): Record<string, string> {
  return {
    'index.html': page(
      `<link rel="stylesheet" href="${base}_astro/site.css"><link rel="canonical" href="https://quire.example.com${base}">`,
      `<a href="${base}about/">About</a>
       <a href="${base}about/#team">Team</a>
       <a href="${base}about/#nobody">Dead fragment</a>
       <a href="${base}missing/">Dead link</a>
       <a href="#top">Top</a>
       <a href="mailto:someone@example.com">Mail</a>
       <a href="https://example.org/paper">Paper</a>
       <img alt="" src="${base}images/a.png" srcset="${base}images/a.png 1x, ${base}images/a@2x.png 2x">`,
    ),
    'about/index.html': page('', `<h2 id="team">Team</h2><a href="../">Home</a><a href="https://example.org/paper">Paper</a>`),
    '_astro/site.css': `body { background: url("../images/a.png"); } /* url(not-a-link.png) */`,
    'images/a.png': 'png',
    'images/a@2x.png': 'png',
  };
}

describe('link checker', () => {
  let dist: string | undefined;
  afterEach(() => {
    if (dist) rmSync(dist, { recursive: true, force: true });
    dist = undefined;
  });

  it('reports a dead link and a dead fragment, and nothing that resolves', () => {
    dist = makeDist(tinySite('/'));
    const report = checkLinks(dist, '/', { siteOrigin: 'https://quire.example.com' });

    expect(report.pagesChecked).toBe(2);
    expect(report.dead).toEqual([
      { from: '/', where: 'a[href]', url: '/about/#nobody', reason: 'no element with id "nobody" on that page' },
      { from: '/', where: 'a[href]', url: '/missing/', reason: 'no such file in the build' },
    ]);
    // Stylesheet, canonical, About, #team, #top, img src, two srcset candidates, ../, css url().
    expect(report.internalLinksChecked).toBe(12);
  });

  it('lists external links once, with the pages linking to them, and ignores mailto:', () => {
    dist = makeDist(tinySite('/'));
    const { external } = checkLinks(dist);
    expect(external).toEqual([
      { url: 'https://example.org/paper', from: ['/', '/about/'] },
      // Without the site's origin the canonical link is just another external link.
      { url: 'https://quire.example.com/', from: ['/'] },
    ]);
  });

  it('checks a site built for a base path, where links must stay under it', () => {
    const files = tinySite('/blog/');
    files['about/index.html'] = page('', `<h2 id="team">Team</h2><a href="/">Outside</a><a href="/blog/about/#team">Self</a>`);
    dist = makeDist(files);
    const report = checkLinks(dist, '/blog/', { siteOrigin: 'https://quire.example.com' });
    expect(report.dead.map((link) => [link.from, link.url, link.reason])).toEqual([
      ['/blog/about/', '/', 'outside the base path /blog/'],
      ['/blog/', '/blog/about/#nobody', 'no element with id "nobody" on that page'],
      ['/blog/', '/blog/missing/', 'no such file in the build'],
    ]);
  });

  it('finds a dead stylesheet, image candidate and CSS url()', () => {
    dist = makeDist({
      'index.html': page('<link rel="stylesheet" href="/gone.css">', '<img alt="" src="/a.png" srcset="/a.png 1x, /b.png 2x">'),
      'a.png': 'png',
      'site.css': '@font-face { src: url(/fonts/gone.woff2) format("woff2"); }',
    });
    const where = checkLinks(dist).dead.map((link) => `${link.where} ${link.url}`);
    expect(where).toEqual(['link[rel=stylesheet] /gone.css', 'img[srcset] /b.png', 'css url() /fonts/gone.woff2']);
  });
});

describe('srcset parsing', () => {
  it('splits candidates on commas after a URL or its descriptors, not inside a URL', () => {
    expect(srcsetUrls('a.png 1x, b.png 2x')).toEqual(['a.png', 'b.png']);
    // As in browsers, a comma with no space after it is part of the URL.
    expect(srcsetUrls('a.png,b.png 2x')).toEqual(['a.png,b.png']);
    expect(srcsetUrls('/img/w_200,h_100.png 200w, /img/w_400,h_200.png 400w')).toEqual(['/img/w_200,h_100.png', '/img/w_400,h_200.png']);
    expect(srcsetUrls('  ')).toEqual([]);
  });
});
