import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serializeOuter } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, attr, byTag, hasClass, readHtml, textOf, type Element } from '../../scripts/audit/html.ts';
import { checkLinks, formatDeadLinks } from '../../scripts/audit/link-checker.ts';
import { checkHtml, formatNuMessages, nuCheckerIsAvailable } from '../../scripts/audit/vnu.ts';
import { createFixtureSite, runScript, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';
import { repoRoot } from '../support/paths.ts';

/**
 * tests/fixtures/data-tables: a Markdown essay with ```table blocks reading a CSV and a JSON file
 * beside it, an MDX essay with <DataTable> reading the same CSV and a JSON file in a folder below
 * it, and an essay without tables; built under the base path /blog/, as a site on a sub-path is.
 */
const FIXTURE = path.join(repoRoot, 'tests', 'fixtures', 'data-tables');
const BASE = '/blog/';
const MARKDOWN = 'data-tables';
const MDX = 'data-components';

let site: FixtureSite;
let build: BuildResult;
beforeAll(async () => {
  site = createFixtureSite('data-tables');
  cpSync(FIXTURE, path.join(site.root, 'content'), { recursive: true });
  build = await site.build({ BASE_PATH: BASE });
});
afterAll(() => site?.remove());

const page = (slug: string) => readHtml(path.join(site.dist, 'posts', slug, 'index.html'));
const byClass = (root: Element, className: string) => all(root, (el) => hasClass(el, className));
const tables = (slug: string) => byClass(page(slug), 'data-table');
const columnHeaders = (table: Element) => byTag(table, 'th').filter((th) => attr(th, 'scope') === 'col');
const rowHeaders = (table: Element) => byTag(table, 'th').filter((th) => attr(th, 'scope') === 'row');
const source = (...parts: string[]) => readFileSync(path.join(FIXTURE, 'posts', ...parts));

describe('a site with data tables', () => {
  it('builds', () => {
    expect(build.output).not.toMatch(/\berror\b/i);
    expect(build.code).toBe(0);
  });
});

describe('a ```table block reading a CSV file', () => {
  const table = () => tables(MARKDOWN)[0]!;

  it('is a comparison table: a caption naming its labelled, focusable scroll region, column and row headers', () => {
    const region = byClass(table(), 'table-scroll')[0]!;
    expect([attr(region, 'role'), attr(region, 'tabindex'), attr(region, 'aria-label')]).toEqual(['region', '0', 'Image classifiers compared']);
    expect(byTag(region, 'table')).toHaveLength(1);
    expect(textOf(byTag(region, 'caption')[0]!)).toBe('Image classifiers compared');
    expect(columnHeaders(table()).map(textOf)).toEqual(['Model', 'Parameters (M)', 'Training images', 'Top-1 accuracy (%)', 'Latency (ms)', 'Licence']);
    expect(rowHeaders(table()).map(textOf)).toEqual(['ResNet-50', 'ViT-B/16', 'EfficientNet-B0', 'ConvNeXt-T, 22k', 'MobileNetV3-L', 'Swin-T']);
  });

  it('right-aligns the number columns, keeps numbers as the file writes them, and marks the columns for sorting', () => {
    expect(columnHeaders(table()).map((th) => [hasClass(th, 'align-right'), attr(th, 'data-sort')])).toEqual([
      [false, 'text'],
      [true, 'number'],
      [true, 'number'],
      [true, 'number'],
      [true, 'number'],
      [false, 'text'],
    ]);
    const first = byTag(byTag(table(), 'tbody')[0]!, 'tr')[0]!;
    expect(byTag(first, 'td').map((td) => [textOf(td), hasClass(td, 'align-right'), attr(td, 'data-sort-value') ?? null])).toEqual([
      ['25.6', true, '25.6'],
      ['1,281,167', true, '1281167'],
      ['76.10', true, '76.1'],
      ['4.2', true, '4.2'],
      ['Apache-2.0', false, null],
    ]);
    // A missing value ("—") leaves the column a number column, with no value to sort by.
    const convnext = byTag(byTag(table(), 'tbody')[0]!, 'tr')[3]!;
    expect(byTag(convnext, 'td').map((td) => attr(td, 'data-sort-value') ?? textOf(td))).toEqual(['28.6', '14197122', '82.9', '—', 'MIT']);
  });

  it('links the data file, published beside the page byte for byte', () => {
    const links = byTag(table(), 'a');
    expect(links.map((a) => [textOf(a), attr(a, 'href'), attr(a, 'type')])).toEqual([['Download the data (CSV)', 'results.csv', 'text/csv']]);
    expect(readFileSync(path.join(site.dist, 'posts', MARKDOWN, 'results.csv'))).toEqual(source(MARKDOWN, 'results.csv'));
  });
});

describe('a ```table block reading a JSON file', () => {
  const table = () => tables(MARKDOWN)[1]!;

  it('is named by its column headings without a caption, numbers as the file writes them, a null as an empty cell', () => {
    expect(attr(byClass(table(), 'table-scroll')[0]!, 'aria-label')).toBe('Table: Task, Dataset, Score, Change');
    expect(byTag(table(), 'caption')).toHaveLength(0);
    expect(rowHeaders(table()).map(textOf)).toEqual(['Image classification', 'Object detection', 'Segmentation']);
    expect(byTag(table(), 'td').map(textOf)).toEqual(['ImageNet', '82.90', '-0.4', 'COCO', '51.0', '1.25', 'ADE20K', '46.70', '']);
    expect(columnHeaders(table()).map((th) => attr(th, 'data-sort'))).toEqual(['text', 'text', 'number', 'number']);
  });

  it('links its JSON, published beside the page', () => {
    expect(byTag(table(), 'a').map((a) => [textOf(a), attr(a, 'href'), attr(a, 'type')])).toEqual([['Download the data (JSON)', 'benchmarks.json', 'application/json']]);
    expect(readFileSync(path.join(site.dist, 'posts', MARKDOWN, 'benchmarks.json'))).toEqual(source(MARKDOWN, 'benchmarks.json'));
  });
});

describe('<DataTable> in MDX', () => {
  it('renders the same HTML as the ```table block for the same data', () => {
    expect(serializeOuter(tables(MDX)[0]!)).toBe(serializeOuter(tables(MARKDOWN)[0]!));
  });

  it('reads a JSON array of arrays from a folder below the essay and publishes it beside the page', () => {
    const table = tables(MDX)[1]!;
    expect(columnHeaders(table).map(textOf)).toEqual(['Batch size', 'CPU (ms)', 'GPU (ms)']);
    // A first column of numbers is right-aligned too, row headers and all.
    expect(rowHeaders(table).map((th) => [textOf(th), hasClass(th, 'align-right')])).toEqual([
      ['1', true],
      ['8', true],
      ['64', true],
    ]);
    expect(byTag(table, 'td').map(textOf)).toEqual(['12.5', '1.20', '71.0', '2.05', '540', '9.9']);
    expect(attr(byTag(table, 'a')[0]!, 'href')).toBe('latency.json');
    expect(readFileSync(path.join(site.dist, 'posts', MDX, 'latency.json'))).toEqual(source(MDX, 'data', 'latency.json'));
  });
});

describe('the pages', () => {
  const moduleScripts = (slug: string) => byTag(page(slug), 'script').filter((s) => attr(s, 'type') === 'module').map(textOf);

  it('load the sorting script where there is a data table, and only there', () => {
    expect(moduleScripts(MARKDOWN).filter((s) => s.includes('table[data-sortable]'))).toHaveLength(1);
    expect(moduleScripts(MDX).filter((s) => s.includes('table[data-sortable]'))).toHaveLength(1);
    expect(moduleScripts('no-tables').filter((s) => s.includes('table[data-sortable]'))).toHaveLength(0);
  });

  it('have no dead links under the base path: every download link finds its file', () => {
    const report = checkLinks(site.dist, BASE);
    expect(report.dead, formatDeadLinks(report.dead)).toEqual([]);
    expect(report.internalLinksChecked).toBeGreaterThan(0);
  });

  it('carry the tables into the feeds with absolute download links and no script', () => {
    const feed = readFileSync(path.join(site.dist, 'feed.json'), 'utf8');
    expect(feed).toContain('https://quire.example.com/blog/posts/data-tables/results.csv');
    expect(feed).toContain('https://quire.example.com/blog/posts/data-components/latency.json');
    expect(feed).not.toContain('<script');
  });

  it.skipIf(!nuCheckerIsAvailable())('are valid HTML', async () => {
    const files = [MARKDOWN, MDX, 'no-tables'].map((slug) => path.join(site.dist, 'posts', slug, 'index.html'));
    const { errors } = await checkHtml(files);
    expect(errors, formatNuMessages(errors, site.dist)).toEqual([]);
  });
});

describe('a data file edited after a build', () => {
  let rebuild: BuildResult;
  const dataSortValues = (slug: string) => byTag(tables(slug)[0]!, 'td').map((td) => attr(td, 'data-sort-value'));
  beforeAll(async () => {
    for (const slug of [MARKDOWN, MDX]) {
      const file = path.join(site.root, 'content', 'posts', slug, 'results.csv');
      writeFileSync(file, readFileSync(file, 'utf8').replace('ResNet-50,25.6,', 'ResNet-50,25.7,'));
    }
    rebuild = await site.build({ BASE_PATH: BASE });
  });

  it('is in the next build’s tables and downloads, Markdown and MDX alike, whatever the caches held', () => {
    expect(rebuild.code, rebuild.output).toBe(0);
    for (const slug of [MARKDOWN, MDX]) {
      expect(dataSortValues(slug)[0]).toBe('25.7');
      expect(readFileSync(path.join(site.dist, 'posts', slug, 'results.csv'), 'utf8')).toContain('ResNet-50,25.7,');
    }
  });
});

describe('a data table whose file is missing or ragged', () => {
  const essay = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2024-01-01\n---\n\n${body}\n`;
  let markdown: FixtureSite;
  let mdx: FixtureSite;
  let results: BuildResult[];
  beforeAll(async () => {
    markdown = createFixtureSite('data-tables-missing', {
      'posts/fine.md': essay('Fine', 'Text.'),
      'posts/missing.md': essay('Missing', 'Text.\n\n```table src="./results.csv" caption="Gone"\n```'),
    });
    mdx = createFixtureSite('data-tables-ragged', {
      'posts/ragged.mdx': essay('Ragged', "import { DataTable } from '@essay';\n\n<DataTable src=\"./ragged.json\" />"),
      'posts/ragged.json': '[\n  {"model": "A", "score": 1},\n  {"model": "B"}\n]\n',
    });
    results = await Promise.all([runScript(markdown.root, 'build.ts'), runScript(mdx.root, 'build.ts')]);
  });
  afterAll(() => {
    markdown?.remove();
    mdx?.remove();
  });

  it('stops the build at the block’s line, naming the essay and the missing file', () => {
    const [result] = results;
    expect(result!.code).toBe(1);
    expect(result!.output).toMatch(/^content\/posts\/missing\.md:8:1 {2}```table: its data file content\/posts\/results\.csv does not exist$/m);
    expect(result!.output).not.toContain('fine.md');
  });

  it('stops the build at the component’s line, naming the data file’s line too', () => {
    const [, result] = results;
    expect(result!.code).toBe(1);
    expect(result!.output).toContain(
      'content/posts/ragged.mdx:8:1  <DataTable>: content/posts/ragged.json:3: row 2 has no "score", which the first row has: every row needs the same keys',
    );
  });
});
