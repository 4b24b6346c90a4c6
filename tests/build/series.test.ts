import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, attr, hasClass, readHtml, textOf, type Element } from '../../scripts/audit/html.ts';
import { checkLinks, formatDeadLinks } from '../../scripts/audit/link-checker.ts';
import { checkHtml, formatNuMessages, nuCheckerIsAvailable } from '../../scripts/audit/vnu.ts';
import { createFixtureSite, runScript, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';
import { repoRoot } from '../support/paths.ts';

const essay = (title: string, front: string, body = 'Text.') => `---\ntitle: ${title}\n${front}\n---\n\n${body}\n`;

/**
 * tests/fixtures/series: a series "Learning to Rank" of parts 1, 2, 4 and a draft part 3 (left
 * out of the build), and essays around it that share its tags, or none.
 */
const SERIES_FIXTURE = path.join(repoRoot, 'tests', 'fixtures', 'series');

let site: FixtureSite;
beforeAll(async () => {
  site = createFixtureSite('series');
  cpSync(SERIES_FIXTURE, path.join(site.root, 'content'), { recursive: true });
  const result = await site.build();
  if (result.code !== 0) throw new Error(result.output);
});
afterAll(() => site?.remove());

const page = (slug: string) => readHtml(path.join(site.dist, 'posts', slug, 'index.html'));
const links = (root: Element) => all(root, (el) => el.tagName === 'a').map((a) => [textOf(a).replace(/\s+/g, ' ').trim(), attr(a, 'href')]);
const byClass = (root: Element, className: string) => all(root, (el) => hasClass(el, className))[0];

describe('an essay in a series', () => {
  it('says which part it is among the published parts, and links the series page', () => {
    const note = byClass(page('ranking-2'), 'series-note')!;
    expect(textOf(note).replace(/\s+/g, ' ').trim()).toBe('Part 2 of 3 in the series Learning to Rank');
    expect(links(note)).toEqual([['Learning to Rank', '/series/learning-to-rank/']]);
    // Part 4 is the third published part: the draft part 3 is not built.
    expect(textOf(byClass(page('ranking-4'), 'series-note')!)).toContain('Part 3 of 3');
  });

  it('links the parts before and after it, in a navigation landmark named for the series', () => {
    const nav = byClass(page('ranking-2'), 'series-nav')!;
    expect(attr(nav, 'aria-label')).toBe('The series “Learning to Rank”');
    expect(links(nav)).toEqual([
      ['Part 1 of the series Ranking, part one', '/posts/ranking-1/'],
      ['Part 3 of the series Ranking, part four', '/posts/ranking-4/'],
    ]);
    expect(links(byClass(page('ranking-1'), 'series-nav')!)).toEqual([['Part 2 of the series Ranking, part two', '/posts/ranking-2/']]);
  });

  it('has no series note or series links when it is in no series', () => {
    expect(byClass(page('metrics'), 'series-note')).toBeUndefined();
    expect(byClass(page('metrics'), 'series-nav')).toBeUndefined();
  });
});

describe('the series page', () => {
  it('lists the published parts in order', () => {
    const html = readHtml(path.join(site.dist, 'series', 'learning-to-rank', 'index.html'));
    const list = byClass(html, 'series-parts')!;
    expect(links(list)).toEqual([
      ['Ranking, part one', '/posts/ranking-1/'],
      ['Ranking, part two', '/posts/ranking-2/'],
      ['Ranking, part four', '/posts/ranking-4/'],
    ]);
    expect(readFileSync(path.join(site.dist, 'series', 'learning-to-rank', 'index.html'), 'utf8')).not.toContain('unfinished');
  });
});

describe('related essays', () => {
  it('lists essays sharing the most tags first, then the newest, leaving out the essay’s own series', () => {
    const related = byClass(page('ranking-2'), 'related')!;
    expect(attr(related, 'aria-labelledby')).toBe('related-heading');
    expect(links(related)).toEqual([
      ['On ranking metrics', '/posts/metrics/'], // ranking and ml
      ['Search at work', '/posts/search/'], // ranking
    ]);
    expect(links(byClass(page('metrics'), 'related')!).map(([title]) => title)).toEqual(['Ranking, part two', 'Ranking, part one', 'Ranking, part four']);
  });

  it('is left out when no essay shares a tag', () => {
    expect(byClass(page('cooking'), 'related')).toBeUndefined();
    expect(byClass(page('untagged'), 'related')).toBeUndefined();
  });
});

describe('the pages', () => {
  it('have no dead links', () => {
    const report = checkLinks(site.dist, '/');
    expect(report.dead, formatDeadLinks(report.dead)).toEqual([]);
  });

  it.skipIf(!nuCheckerIsAvailable())('are valid HTML', async () => {
    const files = ['ranking-1', 'ranking-2', 'metrics'].map((slug) => path.join(site.dist, 'posts', slug, 'index.html'));
    files.push(path.join(site.dist, 'series', 'learning-to-rank', 'index.html'));
    const { errors } = await checkHtml(files);
    expect(errors, formatNuMessages(errors, site.dist)).toEqual([]);
  });
});

describe('two parts with the same number', () => {
  let result: BuildResult;
  let clash: FixtureSite;
  beforeAll(async () => {
    clash = createFixtureSite('series-clash', {
      'posts/a.md': essay('A', 'date: 2024-01-01\nseries: { name: Rank, part: 1 }'),
      'posts/b.md': essay('B', 'date: 2024-01-02\ntags: [x]\nseries:\n  name: rank\n  part: 1'),
    });
    result = await runScript(clash.root, 'build.ts');
  });
  afterAll(() => clash?.remove());

  it('stop the build with a located error naming the other part', () => {
    expect(result.code).toBe(1);
    expect(result.output).toContain('content/posts/b.md:5:1  series: part 1 of "rank" is already content/posts/a.md; give each part its own number');
    expect(result.output).not.toMatch(/^\s+at /m);
  });
});
