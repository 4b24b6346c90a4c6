import { parse } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumIsAvailable, launchChromium, PHONE, type Chromium } from '../../scripts/audit/chromium.ts';
import { emittedPages } from '../../scripts/audit/emitted-pages.ts';
import type { FixtureSite } from '../support/fixture-site.ts';
import { readHtml, type Element } from '../../scripts/audit/html.ts';
import { formatPageWeight, measurePageWeight, ownJavaScriptGzip, type PageWeight } from '../support/page-weight.ts';
import { INLINE_HEAD_SCRIPT_LIMIT, renderBlockingScripts } from '../support/render-blocking.ts';
import { buildSeedSite, SEED_SLUG } from '../support/seed-site.ts';
import { startStaticServer, type StaticServer } from '../../scripts/audit/static-server.ts';

/**
 * Structural budgets only: what the pages ask the browser to do, never how fast a machine does
 * it (sizes and timings are printed by `npm run bench -- --weight`, not asserted).
 */
const ESSAY_OWN_JS_GZIP_BUDGET = 4 * 1024;

const htmlOf = (source: string) => parse(source).childNodes.find((node): node is Element => node.nodeName === 'html')!;

let site: FixtureSite;
beforeAll(async () => {
  site = await buildSeedSite('budgets');
});
afterAll(() => site?.remove());

describe('render-blocking scripts', () => {
  it('are recognised: fetched classic scripts and large inline ones, not modules, deferred or data', () => {
    const head = (scripts: string) => htmlOf(`<!doctype html><html><head>${scripts}</head><body></body></html>`);
    expect(renderBlockingScripts(head('<script src="/a.js"></script>'))).toHaveLength(1);
    expect(renderBlockingScripts(head(`<script>${'x'.repeat(INLINE_HEAD_SCRIPT_LIMIT + 1)}</script>`))).toHaveLength(1);
    const harmless = '<script type="module" src="/m.js"></script><script defer src="/d.js"></script><script async src="/s.js"></script>';
    expect(renderBlockingScripts(head(`${harmless}<script type="application/ld+json">{}</script><script>small()</script>`))).toEqual([]);
  });

  it('appear in no emitted page', () => {
    const pages = emittedPages(site.dist);
    const blocking = pages.flatMap((page) => renderBlockingScripts(readHtml(page.file)).map((reason) => `${page.urlPath}: ${reason}`));
    expect(pages.length).toBeGreaterThan(0);
    expect(blocking, blocking.join('\n')).toEqual([]);
  });
});

describe.skipIf(!chromiumIsAvailable())('page weight (what Chromium requests)', () => {
  let server: StaticServer;
  let chromium: Chromium;
  const weights = new Map<string, PageWeight>();
  beforeAll(async () => {
    server = await startStaticServer(site.dist);
    chromium = await launchChromium();
    for (const [name, sitePath] of [['home', ''], ['essay', `posts/${SEED_SLUG}/`]] as const) {
      const weight = await measurePageWeight(chromium, server.url(sitePath), { viewport: PHONE });
      weights.set(name, weight);
      console.log(formatPageWeight(name, weight));
    }
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it(`keeps the essay's own JavaScript under ${ESSAY_OWN_JS_GZIP_BUDGET / 1024} KB gzip`, () => {
    expect(ownJavaScriptGzip(weights.get('essay')!)).toBeLessThan(ESSAY_OWN_JS_GZIP_BUDGET);
  });

  it('requests no web font', () => {
    for (const [name, weight] of weights) {
      const fonts = weight.resources.filter((resource) => resource.kind === 'font').map((resource) => resource.url);
      expect(fonts, `${name} requested fonts`).toEqual([]);
    }
  });
});
