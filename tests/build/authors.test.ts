import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, attr, hasClass, readHtml, textOf, type Element } from '../../scripts/audit/html.ts';
import { checkLinks, formatDeadLinks } from '../../scripts/audit/link-checker.ts';
import { checkHtml, formatNuMessages, nuCheckerIsAvailable } from '../../scripts/audit/vnu.ts';
import { createFixtureSite, runScript, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';
import { repoRoot } from '../support/paths.ts';

/**
 * tests/fixtures/authors: two authors kept in content/authors/ (Ada with every field, Alan with an
 * affiliation), an essay by both, one by a guest written out and Alan, and one naming nobody.
 */
let site: FixtureSite;
beforeAll(async () => {
  site = createFixtureSite('authors');
  cpSync(path.join(repoRoot, 'tests', 'fixtures', 'authors'), path.join(site.root, 'content'), { recursive: true });
  const result = await site.build();
  if (result.code !== 0) throw new Error(result.output);
});
afterAll(() => site?.remove());

const pageOf = (...segments: string[]) => readHtml(path.join(site.dist, ...segments, 'index.html'));
const collapse = (el: Element) => textOf(el).replace(/\s+/g, ' ').trim();
const byline = (slug: string) => all(pageOf('posts', slug), (el) => hasClass(el, 'byline'))[0];
const links = (root: Element) => all(root, (el) => el.tagName === 'a').map((a) => [textOf(a), attr(a, 'href')]);
const jsonLd = (slug: string) =>
  JSON.parse(textOf(all(pageOf('posts', slug), (el) => el.tagName === 'script' && attr(el, 'type') === 'application/ld+json')[0]!));

describe('bylines', () => {
  it('name every author with their affiliation; a kept author links to their page, a guest to their site', () => {
    expect(collapse(byline('engines')!)).toBe('By Ada Lovelace (University of London) and Alan Turing (University of Manchester)');
    expect(links(byline('engines')!)).toEqual([
      ['Ada Lovelace', '/authors/ada/'],
      ['Alan Turing', '/authors/alan/'],
    ]);
    expect(links(byline('guest')!)).toEqual([
      ['Grace Hopper', 'https://grace.example.org/'],
      ['Alan Turing', '/authors/alan/'],
    ]);
  });

  it('are left out of an essay that names no author, which is credited to the site’s author', () => {
    expect(byline('house')).toBeUndefined();
    expect(jsonLd('house').author).toEqual({ '@type': 'Person', name: 'The Quire authors' });
  });
});

describe('author pages', () => {
  it('say who the author is and list their essays, newest first', () => {
    const alan = pageOf('authors', 'alan');
    expect(textOf(all(alan, (el) => el.tagName === 'h1')[0]!)).toBe('Alan Turing');
    expect(all(alan, (el) => el.tagName === 'h3').map(collapse)).toEqual(['Notes on the Analytical Engine', 'A Guest Essay']);
    const ada = pageOf('authors', 'ada');
    expect(links(all(ada, (el) => hasClass(el, 'author-links'))[0]!)).toEqual([
      ['ada.example.org', 'https://ada.example.org/'],
      ['0000-0002-1825-0097', 'https://orcid.org/0000-0002-1825-0097'],
    ]);
  });
});

describe('what machines read', () => {
  it('JSON-LD lists the authors as people', () => {
    expect(jsonLd('engines').author).toEqual([
      { '@type': 'Person', name: 'Ada Lovelace', url: 'https://ada.example.org/', affiliation: { '@type': 'Organization', name: 'University of London' }, sameAs: 'https://orcid.org/0000-0002-1825-0097' },
      { '@type': 'Person', name: 'Alan Turing', affiliation: { '@type': 'Organization', name: 'University of Manchester' } },
    ]);
  });

  it('the cite block and the Highwire tags name them', () => {
    const reference = all(pageOf('posts', 'engines'), (el) => hasClass(el, 'cite-reference'))[0]!;
    expect(collapse(reference)).toMatch(/^Ada Lovelace & Alan Turing\. \(2024, March 5\)\./);
    const tags = all(pageOf('posts', 'engines'), (el) => el.tagName === 'meta' && /^citation_author/.test(attr(el, 'name') ?? '')).map((el) => [attr(el, 'name'), attr(el, 'content')]);
    expect(tags).toEqual([
      ['citation_author', 'Ada Lovelace'],
      ['citation_author_institution', 'University of London'],
      ['citation_author_orcid', 'https://orcid.org/0000-0002-1825-0097'],
      ['citation_author', 'Alan Turing'],
      ['citation_author_institution', 'University of Manchester'],
    ]);
  });

  it('every feed credits each essay’s authors', () => {
    const text = (file: string) => readFileSync(path.join(site.dist, file), 'utf8');
    const rss = (parseFeed(text('rss.xml')) as { feed: any }).feed;
    const engines = rss.items.find((item: any) => item.title === 'Notes on the Analytical Engine');
    expect(engines.dc.creators ?? [engines.dc.creator]).toEqual(['Ada Lovelace', 'Alan Turing']);
    const atom = (parseFeed(text('atom.xml')) as { feed: any }).feed;
    const guest = atom.entries.find((entry: any) => entry.title.value === 'A Guest Essay');
    expect(guest.authors.map((author: any) => author.name)).toEqual(['Grace Hopper', 'Alan Turing']);
    const json = JSON.parse(text('feed.json'));
    expect(json.items.find((item: any) => item.title === 'From the House').authors).toEqual([{ name: 'The Quire authors' }]);
  });

  it('leave no dead link', () => {
    const report = checkLinks(site.dist, '/');
    expect(report.dead, formatDeadLinks(report.dead)).toEqual([]);
  });

  it.skipIf(!nuCheckerIsAvailable())('are valid HTML', async () => {
    const { errors } = await checkHtml([path.join(site.dist, 'posts', 'engines', 'index.html'), path.join(site.dist, 'authors', 'ada', 'index.html')]);
    expect(errors, formatNuMessages(errors, site.dist)).toEqual([]);
  });
});

describe('authors the site does not have', () => {
  let result: BuildResult;
  let broken: FixtureSite;
  beforeAll(async () => {
    broken = createFixtureSite('authors-unknown', {
      'authors/ada.yaml': 'name: Ada Lovelace\nemail: ada@example.org\n',
      'posts/a.md': '---\ntitle: A\ndate: 2024-01-01\nauthors: [ada, bob]\n---\n\nText.\n',
    });
    result = await runScript(broken.root, 'build.ts');
  });
  afterAll(() => broken?.remove());

  it('stop the build with located errors: the unknown key, and the author file’s unknown field', () => {
    expect(result.code).toBe(1);
    expect(result.output).toContain('content/posts/a.md:4:1  authors: "bob" is not an author of this site: add content/authors/bob.yaml, or write the author out as { name: … }');
    expect(result.output).toContain('content/authors/ada.yaml:2:1  unknown field "email" (an author has name, url, affiliation, orcid)');
    expect(result.output).not.toMatch(/^\s+at /m);
  });
});
