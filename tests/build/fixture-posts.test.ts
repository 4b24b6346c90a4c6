import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureSite, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';
import { all, attr, byTag, hasClass, readHtml, textOf } from '../../scripts/audit/html.ts';

const post = (frontMatter: string, body = 'Some words.\n') => `---\n${frontMatter.trim()}\n---\n\n${body}`;

let site: FixtureSite;
let build: BuildResult;
const page = (slug: string) => readHtml(path.join(site.dist, 'posts', slug, 'index.html'));
const datetimeOf = (slug: string) => byTag(page(slug), 'time').map((t) => attr(t, 'datetime'))[0];

beforeAll(async () => {
  site = createFixtureSite('posts', {
    'posts/2021-06-01-dated-by-name.md': post('title: Dated by its file name'),
    'posts/in-front-matter.md': post('title: Dated in front matter\ndate: 2022-11-05\nupdated: 2023-01-02'),
    'posts/2019/nested/in-a-folder.md': post('title: Kept in a sub-folder\ndate: 2019-05-05'),
    'posts/essay-with-images/index.md': post('title: An index file\ndate: 2018-01-01'),
    'posts/renamed.md': post('title: Slug from front matter\ndate: 2020-01-01\nslug: chosen-slug'),
    'posts/committed.md': post('title: Dated by git'),
    'posts/never-dated.md': post('title: Never dated'),
    'posts/no-toc.md': post('title: No TOC\ndate: 2017-01-01\ntoc: false', '## One\n\n## Two\n'),
    'posts/deep-toc.md': post(
      'title: Deep TOC\ndate: 2016-01-01\ntoc:\n  minDepth: 2\n  maxDepth: 4',
      '## One\n\n#### Skipped a level\n\n### Three\n\n## One\n',
    ),
    'posts/jekyll.mdx': post(
      'layout: post\ntitle: A Jekyll post in MDX\ndate: 2015-01-01',
      'export const answer = 42;\n\n## Hello from MDX\n\nThe answer is {answer}.\n\n|   | A | B |\n|---|---|---|\n| x | 1 | 2 |\n\n```klingon\nqapla\n```\n',
    ),
  });
  // A git history of the fixture's own, so one post's date can come from its first commit.
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: site.root,
      env: { ...process.env, GIT_AUTHOR_DATE: '2014-03-04T12:00:00Z', GIT_COMMITTER_DATE: '2014-03-04T12:00:00Z' },
    });
  git('init', '-q');
  git('add', 'content/posts/committed.md');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-qm', 'add post');
  build = await site.build();
});
afterAll(() => site?.remove());

describe('a site of fixture posts', () => {
  it('builds', () => {
    expect(build.output).not.toMatch(/error/i);
    expect(build.code).toBe(0);
  });

  it('dates posts from front matter, the file name, then git', () => {
    expect(datetimeOf('in-front-matter')).toBe('2022-11-05');
    expect(datetimeOf('dated-by-name')).toBe('2021-06-01');
    expect(datetimeOf('committed')).toBe('2014-03-04');
  });

  it('shows an updated date', () => {
    expect(byTag(page('in-front-matter'), 'time').map((t) => attr(t, 'datetime'))).toEqual(['2022-11-05', '2023-01-02']);
  });

  it('warns about an undated post, naming its file, and still publishes it', () => {
    expect(build.output).toContain('content/posts/never-dated.md: undated');
    expect(textOf(all(page('never-dated'), (el) => hasClass(el, 'post-meta'))[0]!)).toContain('Undated');
    expect(build.output).not.toContain('committed.md: undated');
  });

  it('takes slugs from file names without date prefix or folders, or from front matter', () => {
    for (const slug of ['dated-by-name', 'in-a-folder', 'essay-with-images', 'chosen-slug']) {
      expect(existsSync(path.join(site.dist, 'posts', slug, 'index.html')), slug).toBe(true);
    }
    expect(existsSync(path.join(site.dist, 'posts', 'renamed'))).toBe(false);
  });

  it('lists posts newest first and undated ones last on the home page', () => {
    const home = readHtml(path.join(site.dist, 'index.html'));
    const titles = all(home, (el) => hasClass(el, 'post-summary')).map((s) => textOf(byTag(s, 'h2')[0]!));
    expect(titles).toEqual([
      'Dated in front matter',
      'Dated by its file name',
      'Slug from front matter',
      'Kept in a sub-folder',
      'An index file',
      'No TOC',
      'Deep TOC',
      'A Jekyll post in MDX',
      'Dated by git',
      'Never dated',
    ]);
  });

  it('honours toc: false and a custom depth range', () => {
    expect(all(page('no-toc'), (el) => hasClass(el, 'toc'))).toHaveLength(0);
    const toc = all(page('deep-toc'), (el) => hasClass(el, 'toc'))[0]!;
    expect(byTag(toc, 'a').map((a) => attr(a, 'href'))).toEqual(['#one', '#skipped-a-level', '#three', '#one-1']);
  });

  it('builds an MDX post with Jekyll’s `layout: post` through our layout and plugins', () => {
    const mdx = page('jekyll');
    expect(byTag(mdx, 'h1').map(textOf)).toEqual(['A Jekyll post in MDX']);
    expect(textOf(mdx)).toContain('The answer is 42.');
    expect(attr(all(mdx, (el) => hasClass(el, 'table-scroll'))[0]!, 'tabindex')).toBe('0');
    expect(all(mdx, (el) => el.tagName === 'th' && attr(el, 'scope') === 'row').map(textOf)).toEqual(['x']);
    expect(byTag(all(mdx, (el) => hasClass(el, 'toc'))[0]!, 'a').map((a) => attr(a, 'href'))).toEqual(['#hello-from-mdx']);
    expect(textOf(byTag(mdx, 'pre')[0]!)).toContain('qapla');
  });
});
