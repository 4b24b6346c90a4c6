import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from '@mdx-js/mdx';
import { toHtml } from 'hast-util-to-html';
import { parseFragment } from 'parse5';
import type { PluggableList } from 'unified';
import { VFile } from 'vfile';
import { afterAll, describe, expect, it } from 'vitest';
import { all, attr, byTag, hasClass, textOf, type Element } from '../../scripts/audit/html.ts';
import { sortedOrder, type SortKey } from '../../src/browser/sortable-tables.ts';
import {
  dataFormatOf,
  dataTableElement,
  isMissingValue,
  numericColumns,
  numericValue,
  parseDataFile,
  publishedDataFileName,
  type DataSet,
} from '../../src/essays/data-tables.ts';
import { processorOptions } from '../../src/markdown/pipeline.ts';
import { rendererSettings, type EssayToRender } from '../../src/markdown/render/essay-renderer.ts';
import { renderEssays } from '../../src/markdown/render/render-essays.ts';
import { renderFailureProblem } from '../../src/loaders/render-for-checks.ts';
import { shikiConfig } from '../../src/markdown/pipeline.ts';
import { renderMarkdown } from '../support/render-markdown.ts';
import { repoRoot } from '../support/paths.ts';

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A folder holding an essay's data files; returns the path an essay in it would have. */
function essayFolder(files: Record<string, string>): { dir: string; essay: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'quire-data-tables-'));
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return { dir, essay: path.join(dir, 'index.md') };
}

const parseError = (text: string, format: 'csv' | 'json') => {
  try {
    parseDataFile(text, format);
  } catch (error) {
    return { message: (error as Error).message, line: (error as { line?: number }).line };
  }
  throw new Error('parsed without an error');
};

describe('reading a CSV file', () => {
  it('takes the first record as the headings and keeps every value as written', () => {
    const csv = '\uFEFFModel, Params (M) ,Accuracy\r\nSmall,"1,200",81.50\r\n\r\n"Large, tuned","3e2",−0.5\r\n';
    expect(parseDataFile(csv, 'csv')).toEqual({
      columns: ['Model', 'Params (M)', 'Accuracy'],
      rows: [
        ['Small', '1,200', '81.50'],
        ['Large, tuned', '3e2', '−0.5'],
      ],
    });
  });

  it('reads quoted fields with line breaks and doubled quotes (RFC 4180)', () => {
    expect(parseDataFile('a,b\n"two\nlines","say ""hi"""\nx,y\n', 'csv').rows).toEqual([
      ['two\nlines', 'say "hi"'],
      ['x', 'y'],
    ]);
  });

  it('names the line of a ragged row, counting from where a multi-line record starts', () => {
    expect(parseError('a,b,c\n1,2,3\n4,5\n', 'csv')).toEqual({ message: 'this row has 2 values but there are 3 columns (a, b, c)', line: 3 });
    expect(parseError('a,b\n"x\ny",1\n2,3,4\n', 'csv')).toEqual({ message: 'this row has 3 values but there are 2 columns (a, b)', line: 4 });
    expect(parseError('a,b\n1,2\n3\n', 'csv').line).toBe(3);
  });

  it('says where a file that is not CSV goes wrong', () => {
    const { message, line } = parseError('a,b\n1,2\n"open,3\n', 'csv');
    expect(message).toMatch(/^it is not valid CSV: Quote Not Closed/);
    expect(line).toBe(3);
  });

  it('refuses a column without a heading, a single column and a file without rows', () => {
    expect(parseError('a,,c\n1,2,3\n', 'csv')).toEqual({ message: 'column 2 has no heading: name every column', line: 1 });
    expect(parseError('a\n1\n', 'csv').message).toMatch(/a table needs a column of row labels and at least one of values/);
    expect(parseError('a,b\n', 'csv').message).toBe('it has column headings but no rows');
    expect(parseError('', 'csv').message).toMatch(/no column headings/);
  });

  it('allows an empty first heading: the empty corner of a comparison table', () => {
    expect(parseDataFile(',Research,Production\nData,Static,Dynamic\n', 'csv').columns).toEqual(['', 'Research', 'Production']);
  });
});

describe('reading a JSON file', () => {
  it('reads an array of objects, the first one’s keys the columns, numbers as written', () => {
    const json = '[\n  {"model": "A", "score": 1.50, "big": 1e3, "ok": true},\n  {"ok": null, "model": "B", "score": -2, "big": 10}\n]\n';
    expect(parseDataFile(json, 'json')).toEqual({
      columns: ['model', 'score', 'big', 'ok'],
      rows: [
        ['A', '1.50', '1e3', 'true'],
        ['B', '-2', '10', ''],
      ],
    });
  });

  it('reads an array of arrays, the first one the headings', () => {
    expect(parseDataFile('[["model", "score"], ["A", 0.10], ["B", 2]]', 'json')).toEqual({ columns: ['model', 'score'], rows: [['A', '0.10'], ['B', '2']] });
  });

  it('names the line of a row with a key missing or extra, or of a ragged array', () => {
    expect(parseError('[\n {"a": 1, "b": 2},\n {"a": 3}\n]', 'json')).toEqual({ message: 'row 2 has no "b", which the first row has: every row needs the same keys', line: 3 });
    expect(parseError('[\n {"a": 1, "b": 2},\n\n {"a": 3, "b": 4, "c": 5}\n]', 'json')).toEqual({
      message: 'row 2 has "c", which the first row has not: every row needs the same keys',
      line: 4,
    });
    expect(parseError('[["a", "b"],\n ["x"]]', 'json')).toEqual({ message: 'this row has 1 value but there are 2 columns (a, b)', line: 2 });
  });

  it('says where JSON that does not parse goes wrong, and what shapes it takes', () => {
    expect(parseError('[\n {"a": 1},\n {"a": 2},,\n]', 'json')).toEqual({ message: 'it is not valid JSON: value expected', line: 3 });
    expect(parseError('[{"a": 1} // note\n]', 'json').message).toMatch(/^it is not valid JSON/);
    expect(parseError('{"a": 1}', 'json').message).toMatch(/^it is not a JSON array/);
    expect(parseError('[]', 'json').message).toMatch(/empty array/);
    expect(parseError('[1, 2]', 'json').message).toMatch(/neither objects/);
    expect(parseError('[\n {"a": "x", "b": {"c": 1}}\n]', 'json')).toEqual({ message: '"b" in row 1 is an object; a cell holds a string, a number, true, false or null', line: 2 });
  });
});

describe('number columns', () => {
  it('reads numbers as data files write them', () => {
    const cases: [string, number | undefined][] = [
      ['42', 42],
      ['-0.5', -0.5],
      ['−3', -3],
      ['+7', 7],
      ['1,234.5', 1234.5],
      ['.5', 0.5],
      ['1e-3', 0.001],
      ['12%', 12],
      ['1,23', undefined],
      ['1.2.3', undefined],
      ['v2', undefined],
      ['$5', undefined],
      ['-', undefined],
      ['', undefined],
    ];
    for (const [text, value] of cases) expect([text, numericValue(text)]).toEqual([text, value]);
  });

  it('is a column of numbers and missing values, at least one number', () => {
    const data: DataSet = {
      columns: ['Model', 'Score', 'Year', 'Notes', 'Empty'],
      rows: [
        ['A', '1.5', '2019', 'fine', ''],
        ['B', '—', '2020', '12', 'n/a'],
        ['C', 'n/a', '2021', '', ''],
      ],
    };
    expect(numericColumns(data)).toEqual([false, true, true, false, false]);
    expect(['', '-', '—', 'N/A', 'NaN', 'x'].map(isMissingValue)).toEqual([true, true, true, true, true, false]);
  });
});

const fragmentOf = (html: string) => parseFragment(html) as unknown as Element;

describe('the data table’s HTML', () => {
  const data: DataSet = {
    columns: ['Model', 'Params (M)', 'Accuracy', 'Licence'],
    rows: [
      ['Small', '1,200', '81.50', 'MIT'],
      ['Large', '350', '—', 'Apache-2.0'],
    ],
  };
  const html = toHtml(dataTableElement({ data, format: 'csv', href: 'results.csv', caption: 'Accuracy by size' }));
  const root = fragmentOf(html);

  it('is a comparison table: column headers, row headers from the first column, a caption naming its scroll region', () => {
    const region = all(root, (el) => hasClass(el, 'table-scroll'))[0]!;
    expect([attr(region, 'role'), attr(region, 'tabindex'), attr(region, 'aria-label')]).toEqual(['region', '0', 'Accuracy by size']);
    expect(textOf(byTag(region, 'caption')[0]!)).toBe('Accuracy by size');
    expect(byTag(root, 'th').filter((th) => attr(th, 'scope') === 'col').map(textOf)).toEqual(data.columns);
    expect(byTag(root, 'th').filter((th) => attr(th, 'scope') === 'row').map(textOf)).toEqual(['Small', 'Large']);
    expect(byTag(root, 'td').map(textOf)).toEqual(['1,200', '81.50', 'MIT', '350', '—', 'Apache-2.0']);
  });

  it('right-aligns number columns and marks them for sorting, each number as a value', () => {
    expect(all(root, (el) => hasClass(el, 'align-right')).map(textOf)).toEqual(['Params (M)', 'Accuracy', '1,200', '81.50', '350', '—']);
    expect(byTag(root, 'th').filter((th) => attr(th, 'scope') === 'col').map((th) => attr(th, 'data-sort'))).toEqual(['text', 'number', 'number', 'text']);
    expect(byTag(root, 'td').map((td) => attr(td, 'data-sort-value') ?? null)).toEqual(['1200', '81.5', null, '350', null, null]);
    expect(attr(byTag(root, 'table')[0]!, 'data-sortable')).toBe('');
  });

  it('is labelled by its headings without a caption, as a Markdown table is', () => {
    const bare = fragmentOf(toHtml(dataTableElement({ data, format: 'csv', href: 'results.csv' })));
    expect(attr(all(bare, (el) => hasClass(el, 'table-scroll'))[0]!, 'aria-label')).toBe('Table: Model, Params (M), Accuracy, Licence');
    expect(byTag(bare, 'caption')).toHaveLength(0);
  });

  it('links the data for download under the table', () => {
    const links = byTag(root, 'a');
    expect(links.map((a) => [textOf(a), attr(a, 'href'), attr(a, 'download'), attr(a, 'type')])).toEqual([['Download the data (CSV)', 'results.csv', '', 'text/csv']]);
    const json = fragmentOf(toHtml(dataTableElement({ data, format: 'json', href: 'results.json' })));
    expect(textOf(byTag(json, 'a')[0]!)).toBe('Download the data (JSON)');
  });

  it('keeps an empty corner when the first column has no heading, and right-aligns a first column of numbers', () => {
    const corner = fragmentOf(toHtml(dataTableElement({ data: { columns: ['', 'Score'], rows: [['A', '1']] }, format: 'csv', href: 'a.csv' })));
    expect(byTag(byTag(corner, 'thead')[0]!, 'td')).toHaveLength(1);
    const years = fragmentOf(toHtml(dataTableElement({ data: { columns: ['Year', 'Score'], rows: [['2019', '1'], ['2020', '2']] }, format: 'csv', href: 'a.csv' })));
    expect(all(years, (el) => hasClass(el, 'align-right')).map(textOf)).toEqual(['Year', 'Score', '2019', '1', '2020', '2']);
    expect(byTag(years, 'th').filter((th) => attr(th, 'scope') === 'row').map((th) => attr(th, 'data-sort-value'))).toEqual(['2019', '2020']);
  });

  it('is the same bytes for the same data', () => {
    expect(toHtml(dataTableElement({ data: structuredClone(data), format: 'csv', href: 'results.csv', caption: 'Accuracy by size' }))).toBe(html);
  });
});

describe('file names', () => {
  it('knows CSV and JSON by their extension, in any case', () => {
    expect(['a.csv', 'B.JSON', 'c.tsv', 'csv', 'd.csv.txt'].map(dataFormatOf)).toEqual(['csv', 'json', undefined, undefined, undefined]);
  });

  it('publishes a file under its own name, made safe for a URL', () => {
    expect(publishedDataFileName('/x/results.csv', 'csv')).toBe('results.csv');
    expect(publishedDataFileName('/x/data/Results 2024 (final).CSV', 'csv')).toBe('Results-2024-final-.csv');
  });
});

describe('sorting', () => {
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  const order = (keys: SortKey[], direction: 'ascending' | 'descending') => sortedOrder(keys, direction, collator.compare);

  it('sorts numbers by value, both ways', () => {
    expect(order([10, 9, 100, -1], 'ascending')).toEqual([3, 1, 0, 2]);
    expect(order([10, 9, 100, -1], 'descending')).toEqual([2, 0, 1, 3]);
  });

  it('sorts text in the language’s order, digits by their value', () => {
    expect(order(['item 10', 'Item 2', 'apple', 'Zebra'], 'ascending')).toEqual([2, 1, 0, 3]);
  });

  it('puts rows without a value last in both directions', () => {
    expect(order([2, undefined, 1, undefined], 'ascending')).toEqual([2, 0, 1, 3]);
    expect(order([2, undefined, 1, undefined], 'descending')).toEqual([0, 2, 1, 3]);
  });

  it('is stable: ties keep their order, in both directions', () => {
    expect(order([1, 0, 1, 0, 1], 'ascending')).toEqual([1, 3, 0, 2, 4]);
    expect(order([1, 0, 1, 0, 1], 'descending')).toEqual([0, 2, 4, 1, 3]);
    expect(order(['b', 'A', 'a', 'B'], 'ascending')).toEqual([1, 2, 0, 3]);
  });
});

describe('remark-data-tables in the pipeline', () => {
  const results = 'Model,Params (M),Accuracy\nSmall,"1,200",81.50\nLarge,350,—\n';
  const render = async (markdown: string, files: Record<string, string> = { 'results.csv': results }) => {
    const { essay } = essayFolder(files);
    writeFileSync(essay, `---\ntitle: T\n---\n\n${markdown}`);
    return renderMarkdown(markdown, { fileURL: pathToFileURL(essay) });
  };
  const failure = async (markdown: string, files?: Record<string, string>) => {
    try {
      await render(markdown, files);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('rendered without an error');
  };

  it('turns a ```table block into the data table, once in its scroll region, and lists the file', async () => {
    const { fragment, frontmatter } = await render('Intro.\n\n```table src="./results.csv" caption="Accuracy by size"\n```\n');
    const regions = all(fragment, (el) => hasClass(el, 'table-scroll'));
    expect(regions).toHaveLength(1);
    expect(attr(regions[0]!, 'aria-label')).toBe('Accuracy by size');
    expect(all(fragment, (el) => hasClass(el, 'data-table'))).toHaveLength(1);
    expect(byTag(fragment, 'td').map(textOf)).toEqual(['1,200', '81.50', '350', '—']);
    expect(attr(byTag(fragment, 'a').find((a) => textOf(a) === 'Download the data (CSV)')!, 'href')).toBe('results.csv');
    expect(frontmatter.dataFiles).toEqual([{ name: 'results.csv', src: 'results.csv', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it('reads a JSON file from a folder below the essay, with single-quoted or bare options', async () => {
    const { fragment, frontmatter } = await render("```table src=data/scores.json caption='Scores'\n```\n", { 'data/scores.json': '[{"m": "A", "s": 0.50}]' });
    expect(textOf(byTag(fragment, 'caption')[0]!)).toBe('Scores');
    expect(byTag(fragment, 'td').map(textOf)).toEqual(['0.50']);
    expect(frontmatter.dataFiles).toEqual([expect.objectContaining({ name: 'scores.json', src: 'data/scores.json' })]);
  });

  it('leaves other code blocks alone', async () => {
    const { fragment, frontmatter } = await render('```csv\na,b\n```\n');
    expect(all(fragment, (el) => hasClass(el, 'data-table'))).toHaveLength(0);
    expect(frontmatter.dataFiles).toBeUndefined();
  });

  it('stops at the block’s line of the essay, naming the data file and its line', async () => {
    // The essay file has three lines of front matter and a blank line before the body.
    expect(await failure('Text.\n\n```table src="./missing.csv"\n```\n')).toMatch(
      /\n\S*index\.md:7:1 {2}```table: its data file \S*missing\.csv does not exist$/,
    );
    expect(await failure('```table src="./results.csv"\n```\n', { 'results.csv': 'a,b\n1,2\n3\n' })).toMatch(
      /index\.md:5:1 {2}```table: \S+\/results\.csv:3: this row has 1 value but there are 2 columns \(a, b\)$/,
    );
    expect(await failure('```table src="./bad.json"\n```\n', { 'bad.json': '[\n{"a": 1,}\n]' })).toMatch(/```table: \S+\/bad\.json:2: it is not valid JSON/);
  });

  it('refuses options it does not know, a body, and files it must not publish', async () => {
    expect(await failure('```table src="./results.csv" sort="x"\n```\n')).toMatch(/`sort` is not an option of a table block \(it takes `src` and `caption`\)/);
    expect(await failure('```table caption="x"\n```\n')).toMatch(/`src` names no data file/);
    expect(await failure('```table src="./results.csv"\na,b\n```\n')).toMatch(/leave its body empty/);
    expect(await failure('```table src="../results.csv"\n```\n')).toMatch(/outside the essay's folder/);
    expect(await failure('```table src="https://example.org/x.csv"\n```\n')).toMatch(/not a path beside the essay/);
    expect(await failure('```table src="./notes.txt"\n```\n', { 'notes.txt': 'x' })).toMatch(/neither \.csv nor \.json/);
    expect(await failure('```table src="./cite.json"\n```\n', { 'cite.json': '[["a","b"],["x",1]]' })).toMatch(/published as cite\.json, which the essay's page already has/);
    expect(
      await failure('```table src="./a/r.csv"\n```\n\n```table src="./b/r.csv"\n```\n', { 'a/r.csv': results, 'b/r.csv': results }),
    ).toMatch(/published as r\.csv, as a\/r\.csv already is/);
  });

  it('publishes a file two tables read once', async () => {
    const { frontmatter } = await render('```table src="./results.csv"\n```\n\n```table src="results.csv" caption="Again"\n```\n');
    expect((frontmatter.dataFiles as unknown[]).length).toBe(1);
  });
});

describe('<DataTable> in MDX', () => {
  const compileMdx = async (mdx: string, files: Record<string, string>) => {
    const { dir } = essayFolder(files);
    const file = new VFile({ value: mdx, path: path.join(dir, 'index.mdx'), data: { astro: { frontmatter: {} } } });
    const { remarkPlugins, rehypePlugins } = processorOptions({ base: '/' });
    await compile(file, { remarkPlugins: remarkPlugins as PluggableList, rehypePlugins: rehypePlugins as PluggableList });
    return { code: String(file.value), frontmatter: (file.data as { astro: { frontmatter: Record<string, unknown> } }).astro.frontmatter };
  };

  it('is handed the data the plugin read, and the file is listed', async () => {
    const { code, frontmatter } = await compileMdx('import { DataTable } from "@essay";\n\n<DataTable src="./r.csv" caption="C" />\n', { 'r.csv': 'a,b\nx,1.0\n' });
    expect(code).toContain('resolved');
    expect(code).toContain(JSON.stringify(JSON.stringify({ data: { columns: ['a', 'b'], rows: [['x', '1.0']] }, format: 'csv', href: 'r.csv' })).slice(1, -1));
    expect(frontmatter.dataFiles).toEqual([expect.objectContaining({ name: 'r.csv' })]);
  });

  it('reads a ```table block in MDX too', async () => {
    const { code, frontmatter } = await compileMdx('Text.\n\n```table src="./r.csv"\n```\n', { 'r.csv': 'a,b\nx,1.0\n' });
    expect(code).toContain('Download the data (CSV)');
    expect(code).toContain('data-sortable');
    expect(frontmatter.dataFiles).toEqual([expect.objectContaining({ name: 'r.csv' })]);
  });

  it('stops at the component’s line for a missing file or a `src` that is an expression', async () => {
    await expect(compileMdx('\n\n<DataTable src="./none.json" />\n', {})).rejects.toThrow(/index\.mdx:3:1 {2}<DataTable>: its data file \S+none\.json does not exist/);
    await expect(compileMdx('<DataTable src={"./r.csv"} />\n', { 'r.csv': 'a,b\nx,1\n' })).rejects.toThrow(/<DataTable>: write `src` as a quoted path/);
  });
});

describe('a render failure', () => {
  it('is placed where the plugin says, past the prefix Astro’s Markdown processor gives its message', () => {
    const message = 'Failed to parse Markdown file "/site/content/posts/x.md":\ncontent/posts/x.md:8:1  ```table: its data file content/posts/r.csv does not exist';
    expect(renderFailureProblem('content/posts/x.md', message)).toEqual({
      file: 'content/posts/x.md',
      line: 8,
      column: 1,
      severity: 'error',
      message: '```table: its data file content/posts/r.csv does not exist',
    });
  });
});

describe('the render cache', () => {
  it('renders an essay again when its data file changes, and not while it is the same', async () => {
    const { dir, essay } = essayFolder({ 'r.csv': 'a,b\nx,1\n' });
    const cacheDir = path.join(dir, 'cache');
    const settings = rendererSettings({ image: {}, markdown: { shikiConfig, gfm: false, smartypants: false } });
    const body = '```table src="./r.csv"\n```';
    writeFileSync(essay, `---\ntitle: T\n---\n\n${body}\n`);
    const toRender: EssayToRender = { filePath: essay, body, data: { title: 'T' } };
    const options = { settings, cacheDir, fingerprint: 'test', workerFile: path.join(repoRoot, 'src/markdown/render/render-worker.ts') };
    const cells = async () => {
      const { outcomes, stats } = await renderEssays([toRender], options);
      const outcome = outcomes.get(essay)!;
      if (!outcome.ok) throw new Error(outcome.message);
      return { cells: byTag(fragmentOf(outcome.rendered.html), 'td').map(textOf), cached: stats.cached, dependencies: outcome.rendered.dependencies };
    };
    const first = await cells();
    expect(first).toEqual({ cells: ['1'], cached: 0, dependencies: [{ path: path.join(dir, 'r.csv'), sha256: expect.any(String) }] });
    expect((await cells()).cached).toBe(1);
    writeFileSync(path.join(dir, 'r.csv'), 'a,b\nx,2\n');
    expect(await cells()).toMatchObject({ cells: ['2'], cached: 0 });
    expect((await cells()).cached).toBe(1);
  });
});
