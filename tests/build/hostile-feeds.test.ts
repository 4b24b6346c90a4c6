import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBrowsersRead } from '../../src/site/urls.ts';
import { createFixtureSite, runScript, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';
import { descendants, readHtml } from '../../scripts/audit/html.ts';

/**
 * Generated essays with text and URLs chosen to break feeds and pages: XML's special characters,
 * CDATA ends, control characters, bidi marks, and every spelling of a `javascript:` URL. Built
 * by `npm run build`: either the build refuses with located lines (no stack trace), or every
 * feed parses as strict XML or JSON and no page has a URL that runs code.
 */
// No `{`: `{{` and `{%` in prose are Liquid left as text, which the checks rightly refuse.
const awkward = fc.stringMatching(/^[A-Za-z0-9 <>&"'`*_#\]\[():;.,!?\u00e9\u202e\u200b\u{1F600}-]{1,24}$/u);
const control = fc.constantFrom('\u0000', '\u0008', '\u000b', '\u001f', '\u007f', '\ufffe');
const unsafeUrl = fc.constantFrom(
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java&Tab;script:alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript:alert(1)',
  ' javascript:alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>',
);
const safeUrl = fc.constantFrom('https://example.com/a?b=1&c=2', '/posts/first/#top', 'mailto:a@example.com');
/** The places an essay can put a URL; an image only where the URL could be one. */
const link = (url: string) =>
  fc.constantFrom(
    `[a link](${url})`,
    `<a href="${url}">a link</a>`,
    `<form action="${url}"><button>go</button></form>`,
    `<iframe src="${url}" title="x"></iframe>`,
    ...(url.startsWith('/') || url.startsWith('mailto:') ? [] : [`<img src="${url}" alt="x">`]),
  );

const essay = (urls: fc.Arbitrary<string>, withControl: boolean) =>
  fc
    .record({
      title: awkward,
      description: awkward,
      paragraphs: fc.array(fc.tuple(awkward, withControl ? fc.option(control, { nil: '' }) : fc.constant(''), awkward), { minLength: 1, maxLength: 4 }),
      links: fc.array(urls.chain(link), { maxLength: 3 }),
    })
    .map(({ title, description, paragraphs, links }) =>
      [
        '---',
        `title: ${JSON.stringify(title)}`,
        `description: ${JSON.stringify(description)}`,
        'date: 2024-01-01',
        // Imported: a control character in the body is then a warning, and the feed must cope.
        ...(withControl ? ['imported:', '  from: jekyll', '  file: _posts/2024-01-01-x.md'] : []),
        '---',
        '',
        ...paragraphs.map(([a, c, b]) => `${a}${c}${b}\n`),
        ...links.map((l) => `${l}\n`),
      ].join('\n'),
    );

const PROBLEM_LINE = /^content\/posts\/[a-z0-9-]+\.md:\d+:\d+ {2}\S/;
/** XML 1.0's Char production: what may appear in an XML document at all. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'data', 'poster', 'srcset', 'cite', 'xlink:href']);

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html')).map((file) => path.join(dir, file));
}

async function buildSite(name: string, texts: string[]): Promise<{ site: FixtureSite; result: BuildResult }> {
  const site = createFixtureSite(name);
  // `]]>` ends an XML CDATA section, in which feed libraries wrap HTML: it must not end one early.
  site.write('content/posts/first.md', '---\ntitle: "First ]]> of all"\ndate: 2023-01-01\n---\n\n## Top\n\nText with ]]> in it.\n\n```xml\n<![CDATA[ x ]]>\n```\n');
  texts.forEach((text, i) => site.write(`content/posts/hostile-${i}.md`, text));
  return { site, result: await runScript(site.root, 'build.ts') };
}

describe('hostile essays', () => {
  const sites: FixtureSite[] = [];
  let clean: BuildResult;
  let cleanSite: FixtureSite;
  let attacks: BuildResult;
  beforeAll(async () => {
    const [safe, unsafe] = await Promise.all([
      buildSite('hostile-safe', fc.sample(essay(safeUrl, true), { numRuns: 10, seed: 7 })),
      buildSite('hostile-unsafe', fc.sample(essay(fc.oneof(safeUrl, unsafeUrl), false), { numRuns: 10, seed: 11 })),
    ]);
    sites.push(safe.site, unsafe.site);
    ({ result: clean, site: cleanSite } = safe);
    attacks = unsafe.result;
  });
  afterAll(() => sites.forEach((site) => site.remove()));

  it('with awkward text and safe URLs build, and every feed parses strictly', () => {
    expect(clean.code, clean.output).toBe(0);
    // The generated essays did hold control characters: reported, and kept out of the feeds.
    expect(clean.output).toMatch(/hostile-\d+\.md:\d+:\d+ {2}warning: an invisible control character/);
    for (const feed of ['rss.xml', 'atom.xml']) {
      const xml = readFileSync(path.join(cleanSite.dist, feed), 'utf8');
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(NOT_XML_CHAR.exec(xml)?.[0].codePointAt(0)?.toString(16)).toBeUndefined();
    }
    expect(() => JSON.parse(readFileSync(path.join(cleanSite.dist, 'feed.json'), 'utf8'))).not.toThrow();
  });

  it('with URLs that run code are refused, with located lines and no stack trace', () => {
    expect(attacks.code).toBe(1);
    expect(attacks.output).not.toMatch(/^\s+at /m);
    expect(attacks.output.split('\n').filter((line) => PROBLEM_LINE.test(line)).length).toBeGreaterThan(0);
  });

  it('publish no attribute whose URL would run code', () => {
    for (const file of htmlFiles(cleanSite.dist)) {
      for (const element of descendants(readHtml(file))) {
        for (const { name, value } of element.attrs) {
          if (!URL_ATTRIBUTES.has(name)) continue;
          expect(asBrowsersRead(value), `${path.relative(cleanSite.dist, file)}: ${name}`).not.toMatch(/^(javascript|vbscript):/i);
        }
      }
    }
  });
});
