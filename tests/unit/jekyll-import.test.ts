import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatReport, ImportError, importJekyll, type ImportOptions } from '../../scripts/jekyll/import.ts';
import { readFrontMatter } from '../../src/lib/front-matter.ts';
import { repoRoot } from '../support/paths.ts';

const FIXTURE = path.join(repoRoot, 'tests', 'fixtures', 'jekyll-site');
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A scratch folder with the given files (path → text). */
function scratch(files: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'quire-jekyll-'));
  folders.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

function run(source: string, options: Partial<ImportOptions> = {}) {
  const target = scratch();
  const report = importJekyll({ source, outDir: path.join(target, 'posts'), publicDir: path.join(target, 'public'), cwd: target, ...options });
  const post = (file: string) => readFrontMatter(readFileSync(path.join(options.outDir ?? path.join(target, 'posts'), file), 'utf8'));
  return { target, report, post };
}

const post = (frontMatter = '', body = 'Text.\n') => `---\ntitle: A post\n${frontMatter}---\n\n${body}`;

describe('importing a Jekyll site', () => {
  it('writes each post as YYYY-MM-DD-slug.md, with its old URL to redirect from', () => {
    const { report, post: frontMatterOf } = run(FIXTURE);
    expect(report.converted.map((p) => [p.output, p.url, p.redirectFrom])).toEqual([
      ['posts/2023-01-31-hello-jekyll.md', '/posts/hello-jekyll/', ['/2023/01/31/hello-jekyll.html']],
      ['posts/2023-02-14-with-categories.md', '/posts/with-categories/', ['/notes/web/2023/02/14/with-categories.html']],
      ['posts/2023-03-01-liquid-and-raw.md', '/posts/liquid-and-raw/', ['/liquid-notes/']],
    ]);
    expect(frontMatterOf('2023-02-14-with-categories.md')).toEqual({
      title: 'Categories and permalinks',
      date: '2023-02-14',
      tags: ['Notes', 'Web', 'jekyll'],
      redirectFrom: ['/notes/web/2023/02/14/with-categories.html'],
    });
  });

  it('reads the site’s config also when given its _posts folder', () => {
    const fromPosts = run(path.join(FIXTURE, '_posts')).report;
    const fromSite = run(FIXTURE).report;
    expect(fromPosts.converted.map((p) => p.redirectFrom)).toEqual(fromSite.converted.map((p) => p.redirectFrom));
    expect(fromPosts.copied.map((f) => f.source)).toEqual(['assets/cheatsheet.txt', 'assets/img.png']);
  });

  it('writes nothing on a dry run, and says so', () => {
    const { target, report } = run(FIXTURE, { dryRun: true });
    expect(report.converted).toHaveLength(3);
    expect(report.copied).toHaveLength(2);
    expect(readdirSync(target)).toEqual([]);
    expect(formatReport(report)).toMatch(/\nDry run: nothing was written\.\n$/);
  });

  it.each([
    ['pretty', '/2023/01/31/a-post/'],
    ['none', '/a-post.html'],
    ['/blog/:year/:title', '/blog/2023/a-post'],
  ])('computes old URLs with the site’s `permalink: %s`', (permalink, url) => {
    const site = scratch({ '_config.yml': `permalink: ${permalink}\n`, '_posts/2023-01-31-a-post.md': post() });
    expect(run(site).report.converted[0]!.redirectFrom).toEqual([url]);
  });

  it('a post’s own permalink wins over `defaults:`, which wins over the site’s', () => {
    const site = scratch({
      '_config.yml': 'permalink: pretty\ndefaults:\n  - scope: { path: "", type: posts }\n    values: { permalink: "/d/:title/" }\n',
      '_posts/2023-01-31-a.md': post(),
      '_posts/2023-01-31-b.md': post('permalink: /own/\n'),
    });
    expect(run(site).report.converted.map((p) => p.redirectFrom)).toEqual([['/d/a/'], ['/own/']]);
  });

  it('adds the old URLs of jekyll-redirect-from’s `redirect_from:`', () => {
    const site = scratch({ '_posts/2023-01-31-a.md': post('redirect_from: [/first-home/, /2023/01/31/a.html]\n') });
    expect(run(site).report.converted[0]!.redirectFrom).toEqual(['/2023/01/31/a.html', '/first-home/']);
  });

  it('needs no redirect when the old URL is already the new one', () => {
    const site = scratch({ '_config.yml': 'permalink: /posts/:title/\n', '_posts/2023-01-31-a.md': post() });
    const { report, post: frontMatterOf } = run(site);
    expect(report.converted[0]!.redirectFrom).toEqual([]);
    expect(frontMatterOf('2023-01-31-a.md')).not.toHaveProperty('redirectFrom');
  });

  it('gives a second post with the same slug a new one, and one old URL to one post only', () => {
    const site = scratch({
      '_posts/2022-05-01-update.md': post('permalink: /update/\n'),
      '_posts/2023-05-01-update.md': post('permalink: /update/\n'),
    });
    const { report } = run(site);
    expect(report.converted.map((p) => [p.output, p.redirectFrom])).toEqual([
      ['posts/2022-05-01-update.md', ['/update/']],
      ['posts/2023-05-01-update-2.md', []],
    ]);
    expect(report.warnings).toEqual([
      {
        file: '_posts/2023-05-01-update.md',
        messages: [
          'its slug "update" is also _posts/2022-05-01-update.md\'s: published as "update-2"',
          'no redirect from the old URL /update/: it is also _posts/2022-05-01-update.md\'s',
        ],
      },
    ]);
  });

  it('skips posts that exist unless forced, and still links to them', () => {
    const site = scratch({
      '_posts/2023-01-31-a.md': post(),
      '_posts/2023-02-01-b.md': post('', 'See [a]({% post_url 2023-01-31-a %}).\n'),
    });
    const target = scratch({ 'posts/2023-01-31-a.md': post('', 'Edited by hand.\n'), 'posts/c.md': post() });
    const options = { outDir: path.join(target, 'posts'), publicDir: path.join(target, 'public'), cwd: target };
    const report = importJekyll({ source: site, ...options });
    expect(report.skipped).toEqual([{ file: '_posts/2023-01-31-a.md', reason: 'posts/2023-01-31-a.md already exists (--force overwrites it)' }]);
    expect(readFileSync(path.join(target, 'posts/2023-01-31-a.md'), 'utf8')).toContain('Edited by hand.');
    expect(readFileSync(path.join(target, 'posts/2023-02-01-b.md'), 'utf8')).toContain('See [a](/posts/a/).');

    const forced = importJekyll({ source: site, ...options, force: true });
    expect(forced.skipped).toEqual([]);
    expect(readFileSync(path.join(target, 'posts/2023-01-31-a.md'), 'utf8')).not.toContain('Edited by hand.');
  });

  it('skips a post whose slug another post already has', () => {
    const site = scratch({ '_posts/2023-01-31-taken.md': post() });
    const target = scratch({ 'posts/essays/taken.md': post() });
    const report = importJekyll({ source: site, outDir: path.join(target, 'posts'), publicDir: path.join(target, 'public'), cwd: target });
    expect(report.skipped).toEqual([{ file: '_posts/2023-01-31-taken.md', reason: 'its slug "taken" is already used by posts/essays/taken.md' }]);
  });

  it('never overwrites a different file in public/ unless forced', () => {
    const target = scratch({ 'public/assets/img.png': 'not the same picture' });
    const options = { source: FIXTURE, outDir: path.join(target, 'posts'), publicDir: path.join(target, 'public'), cwd: target };
    const report = importJekyll(options);
    expect(report.copied.map((f) => f.source)).toEqual(['assets/cheatsheet.txt']);
    expect(report.skipped).toContainEqual({
      file: 'assets/img.png',
      reason: 'public/assets/img.png already exists and differs (--force overwrites it); used by _posts/2023-01-31-hello-jekyll.md',
    });
    expect(importJekyll({ ...options, force: true }).copied.map((f) => f.source)).toEqual(['assets/cheatsheet.txt', 'assets/img.png']);
    expect(readFileSync(path.join(target, 'public/assets/img.png'))).toEqual(readFileSync(path.join(FIXTURE, 'assets/img.png')));
  });

  it('reports a post whose front matter cannot be read, and a path that is not a folder', () => {
    const site = scratch({ '_posts/2023-01-31-broken.md': '---\ntitle: [unclosed\n---\n' });
    expect(run(site).report.skipped).toEqual([{ file: '_posts/2023-01-31-broken.md', reason: expect.stringMatching(/^front matter cannot be read: /) }]);
    expect(() => run(path.join(site, 'nowhere'))).toThrow(ImportError);
    expect(existsSync(path.join(site, 'nowhere'))).toBe(false);
  });
});
