import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPageWeight, formatBuiltPageWeight, staticImports, type BuiltPageWeight } from '../support/built-page.ts';
import { emittedPages } from '../../scripts/audit/emitted-pages.ts';
import type { FixtureSite } from '../support/fixture-site.ts';
import { buildSeedSite, SEED_SLUG } from '../support/seed-site.ts';

/**
 * The seed essay's page budgets, read from the built files (sizes, not timings: the same on
 * every machine). gzip is zlib level 9, each file on its own, as a host with gzip on sends it.
 * tests/browser/budgets.test.ts checks the same page as Chromium loads it (the JavaScript it
 * actually runs, no web fonts) and render-blocking head scripts on every emitted page; this
 * test needs no browser, so the budgets hold wherever the build tests run.
 */
const HTML_GZIP_BUDGET = 60 * 1024;
const CSS_GZIP_BUDGET = 15 * 1024;
const JS_GZIP_BUDGET = 4 * 1024;

let site: FixtureSite;
let essay: BuiltPageWeight;
beforeAll(async () => {
  site = await buildSeedSite('page-budgets');
  essay = builtPageWeight(site.dist, `posts/${SEED_SLUG}/index.html`);
  console.log(`seed essay page budgets:\n${formatBuiltPageWeight(essay)}`);
});
afterAll(() => site?.remove());

describe('the seed essay page', () => {
  it('references only files that exist in dist', () => {
    expect(essay.missing).toEqual([]);
  });

  it(`is under ${HTML_GZIP_BUDGET / 1024} KB of HTML, gzip`, () => {
    expect(essay.html.gzip).toBeLessThan(HTML_GZIP_BUDGET);
  });

  it(`has under ${CSS_GZIP_BUDGET / 1024} KB of CSS in total, gzip (linked stylesheets and <style>)`, () => {
    expect(essay.stylesheets, 'the page links no stylesheet: has the layout lost its CSS?').toBeGreaterThan(0);
    expect(essay.css.gzip, essay.css.files.map((file) => `${file.href}: ${file.gzip} B gzip`).join('\n')).toBeLessThan(CSS_GZIP_BUDGET);
  });

  it(`loads under ${JS_GZIP_BUDGET / 1024} KB of JavaScript in total, gzip (script files, what they import, inline scripts)`, () => {
    expect(essay.js.gzip, essay.js.files.map((file) => `${file.href}: ${file.gzip} B gzip`).join('\n')).toBeLessThan(JS_GZIP_BUDGET);
  });

  it('has no render-blocking script in its head (no classic <script src> without defer or async)', () => {
    expect(essay.renderBlocking).toEqual([]);
  });

  it('gives every image a width and a height, as does every other page of the site', () => {
    // The seed essay has no image today; tests/build/essay-elements.test.ts checks the Markdown image pipeline's sizes.
    expect(essay.imagesWithoutSize).toEqual([]);
    const unsized = emittedPages(site.dist).flatMap((page) => builtPageWeight(site.dist, page.distPath).imagesWithoutSize.map((src) => `${page.urlPath}: ${src}`));
    expect(unsized).toEqual([]);
  });
});

describe('static imports, followed to weigh module scripts', () => {
  it('are found in minified and formatted modules, relative or from the site root only', () => {
    expect(staticImports('import{a as b}from"./chunk.js";import"/_astro/x.js";export*from"../y.js"')).toEqual(['./chunk.js', '/_astro/x.js', '../y.js']);
    expect(staticImports('import { a } from "pkg"; const s = "import nothing"; await import("./lazy.js")')).toEqual([]);
  });
});
