import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureSite, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';
import { all, attr, byTag, hasClass, readHtml, textOf } from '../../scripts/audit/html.ts';
import { SEED_SOURCE } from '../support/seed-site.ts';

const HOSTILE_TITLE = `Less <than> & "double" 'single' </title><script>alert(1)</script>`;
const HOSTILE_DESCRIPTION = `A & B < C > D "quoted" <img src=x onerror=alert(1)>`;

/** About 2 MB of the seed essay's own paragraphs, under headings so the TOC has work to do. */
function twoMegabyteEssay(): string {
  const paragraphs = readFileSync(SEED_SOURCE, 'utf8').split('\n\n').filter((block) => /^[A-Z]/.test(block));
  const sections: string[] = [];
  for (let size = 0, i = 0; size < 2_000_000; i++) {
    const section = `## Section ${i}\n\n${paragraphs.join('\n\n')}\n`;
    sections.push(section);
    size += section.length;
  }
  return `---\ntitle: A very long essay\ndate: 2023-01-01\n---\n\n${sections.join('\n')}`;
}

function hugeTable(rows: number): string {
  const body = Array.from({ length: rows }, (_, i) => `| ${i + 1}. | value ${i} | ${i * 2} |`).join('\n');
  return `---\ntitle: Five thousand rows\ndate: 2023-01-02\n---\n\n|   | Name | Number |\n| - | :--- | ---: |\n${body}\n`;
}

function deepList(depth: number): string {
  const lines = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`);
  return `---\ntitle: A list fifty deep\ndate: 2023-01-03\n---\n\n${lines.join('\n')}\n`;
}

let site: FixtureSite;
let build: BuildResult;
const page = (slug: string) => readHtml(path.join(site.dist, 'posts', slug, 'index.html'));
const rawPage = (slug: string) => readFileSync(path.join(site.dist, 'posts', slug, 'index.html'), 'utf8');

beforeAll(async () => {
  site = createFixtureSite('hostile', {
    'posts/windows.md': '\uFEFF---\r\ntitle: Written on Windows\r\ndate: 2023-04-05\r\n---\r\n\r\n## First part\r\n\r\nA paragraph.\r\n\r\n| | A |\r\n| - | - |\r\n| 1 | x |\r\n',
    'posts/escaping.md': `---\ntitle: ${JSON.stringify(HOSTILE_TITLE)}\ndescription: ${JSON.stringify(HOSTILE_DESCRIPTION)}\ndate: 2023-04-06\ntags: ["<b>bold</b>", "a&b"]\n---\n\nBody.\n`,
    'posts/long.md': twoMegabyteEssay(),
    'posts/table.md': hugeTable(5000),
    'posts/deep.md': deepList(50),
  });
  build = await site.build();
}, 600_000);
afterAll(() => site?.remove());

describe('odd and hostile input', () => {
  it('builds', () => {
    expect(build.code, build.output).toBe(0);
  });

  it('reads a file with a byte-order mark and CRLF line endings like any other', () => {
    const windows = page('windows');
    expect(byTag(windows, 'h1').map(textOf)).toEqual(['Written on Windows']);
    expect(attr(byTag(windows, 'time')[0]!, 'datetime')).toBe('2023-04-05');
    expect(attr(all(windows, (el) => el.tagName === 'h2' && textOf(el) === 'First part')[0]!, 'id')).toBe('first-part');
    expect(byTag(windows, 'table')).toHaveLength(1);
  });

  it('escapes <, & and quotes in the title and description wherever they appear', () => {
    const escaped = page('escaping');
    expect(byTag(escaped, 'h1').map(textOf)).toEqual([HOSTILE_TITLE]);
    expect(textOf(byTag(escaped, 'title')[0]!)).toBe(`${HOSTILE_TITLE} · Quire`);
    const description = all(escaped, (el) => el.tagName === 'meta' && attr(el, 'name') === 'description')[0]!;
    expect(attr(description, 'content')).toBe(HOSTILE_DESCRIPTION);
    expect(textOf(all(escaped, (el) => hasClass(el, 'standfirst'))[0]!)).toBe(HOSTILE_DESCRIPTION);
    const ogTitle = all(escaped, (el) => el.tagName === 'meta' && attr(el, 'property') === 'og:title')[0]!;
    expect(attr(ogTitle, 'content')).toBe(HOSTILE_TITLE);
    // In JSON-LD the title is data: it parses back to what the author typed and cannot end the script.
    const [jsonLd, ...otherScripts] = [
      ...byTag(escaped, 'script').filter((script) => attr(script, 'type') === 'application/ld+json'),
      ...byTag(escaped, 'script').filter((script) => attr(script, 'type') !== 'application/ld+json'),
    ];
    expect(textOf(jsonLd!)).not.toMatch(/<\/script/i);
    expect(JSON.parse(textOf(jsonLd!))).toMatchObject({ headline: HOSTILE_TITLE, description: HOSTILE_DESCRIPTION });
    // Nothing the author typed became markup.
    expect(otherScripts.every((script) => !textOf(script).includes('alert(1)'))).toBe(true);
    expect(all(escaped, (el) => attr(el, 'onerror') !== undefined)).toHaveLength(0);
    expect(byTag(escaped, 'b')).toHaveLength(0);
    // `<` may stand unescaped inside a quoted attribute (valid HTML), but it never opens an element.
    expect(byTag(escaped, 'than')).toHaveLength(0);
    expect(rawPage('escaping')).not.toMatch(/>[^<"]*<than>/);
  });

  it('escapes them in the feeds too', () => {
    const rss = parseFeed(readFileSync(path.join(site.dist, 'rss.xml'), 'utf8')) as { feed: any };
    const item = rss.feed.items.find((entry: any) => entry.link?.endsWith('/posts/escaping/'));
    expect(item.title).toBe(HOSTILE_TITLE);
    expect(item.description).toBe(HOSTILE_DESCRIPTION);
    const json = JSON.parse(readFileSync(path.join(site.dist, 'feed.json'), 'utf8'));
    expect(json.items.find((entry: any) => entry.url.endsWith('/posts/escaping/')).title).toBe(HOSTILE_TITLE);
  });

  it('builds a 2 MB essay with its whole table of contents', () => {
    expect(Buffer.byteLength(readFileSync(path.join(site.root, 'content/posts/long.md'), 'utf8'))).toBeGreaterThan(2_000_000);
    const long = page('long');
    const toc = all(long, (el) => hasClass(el, 'toc'))[0]!;
    const sections = all(long, (el) => el.tagName === 'h2' && textOf(el).startsWith('Section '));
    expect(sections.length).toBeGreaterThan(50);
    expect(byTag(toc, 'a').filter((a) => textOf(a).startsWith('Section '))).toHaveLength(sections.length);
  });

  it('builds a table of 5,000 rows in its scroll region', () => {
    const region = all(page('table'), (el) => hasClass(el, 'table-scroll'))[0]!;
    expect(byTag(region, 'tr')).toHaveLength(5001);
  });

  it('builds a list nested 50 deep', () => {
    const deep = page('deep');
    expect(textOf(deep)).toContain('level 50');
    const prose = all(deep, (el) => hasClass(el, 'prose'))[0]!;
    expect(byTag(prose, 'ul')).toHaveLength(50);
  });
});
