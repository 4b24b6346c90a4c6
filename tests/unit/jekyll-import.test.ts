import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatReport, ImportError, importJekyll, type ImportOptions } from '../../scripts/jekyll/import.ts';
import { readFrontMatter } from '../support/front-matter.ts';
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
      ['posts/2023-05-01-kramdown-figures.md', '/posts/kramdown-figures/', ['/2023/05/01/kramdown-figures.html']],
    ]);
    expect(frontMatterOf('2023-02-14-with-categories.md')).toEqual({
      title: 'Categories and permalinks',
      date: '2023-02-14',
      tags: ['Notes', 'Web', 'jekyll'],
      redirectFrom: ['/notes/web/2023/02/14/with-categories.html'],
      // The fixture's layout loads MathJax only for posts with `mathjax: true`.
      math: false,
      imported: { from: 'jekyll', file: '_posts/2023-02-14-with-categories.md' },
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
    expect(report.converted).toHaveLength(4);
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
          '_posts/2023-05-01-update.md:1  its slug "update" is also _posts/2022-05-01-update.md\'s: published as "update-2"',
          '_posts/2023-05-01-update.md:1  no redirect from the old URL /update/: it is also _posts/2022-05-01-update.md\'s',
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

  it('writes every warning as path:line, the line in the original file, after Liquid and kramdown have moved text', () => {
    const site = scratch({
      '_includes/two-lines.html': '<p>one</p>\n<p>two</p>\n',
      '_posts/2023-01-31-a.md': [
        '---', 'title: A', 'author: jane', '---', '', // lines 1–5
        '{% include two-lines.html %}', // 6
        '', '{% highlight ruby linenos %}', 'x', '{% endhighlight %}', // 8
        '', '![i](/assets/i.png)', '{: style="width: 50%; float: left"}', // 13
        '', 'Para', '{: .notice}', // 16
        '', '[gone](/about/)', // 18
        '{% gist 1 %}', // 19
      ].join('\n'),
    });
    const { report } = run(site);
    expect(report.warnings).toEqual([
      {
        file: '_posts/2023-01-31-a.md',
        messages: [
          '_posts/2023-01-31-a.md:3  dropped `author`: not Quire front-matter fields',
          '_posts/2023-01-31-a.md:8  highlight options dropped (linenos): Quire highlights code without line numbers or marked lines',
          '_posts/2023-01-31-a.md:12  link "/assets/i.png" points to no imported post and no file of the Jekyll site: left as it is',
          '_posts/2023-01-31-a.md:13  image attributes dropped: Quire keeps an image\'s width only (style "float")',
          '_posts/2023-01-31-a.md:16  {: .notice} dropped: Quire has no class "notice" for this paragraph',
          '_posts/2023-01-31-a.md:18  link "/about/" points to no imported post and no file of the Jekyll site: left as it is',
          '_posts/2023-01-31-a.md:19  {% gist 1 %} left as written: Jekyll’s Liquid has no tag "gist" (a plugin’s?)',
        ],
      },
    ]);
    expect(formatReport(report)).toContain('\n  _posts/2023-01-31-a.md:19  {% gist 1 %} left as written');
  });

  it('reports comments and the like once for the site, and a message many posts share once', () => {
    const posts = Object.fromEntries(
      ['a', 'b', 'c'].map((name) => [`_posts/2023-01-0${'abc'.indexOf(name) + 1}-${name}.md`, post('comments: true\nlayout: article\n')]),
    );
    const { report } = run(scratch(posts));
    expect(report.warnings).toEqual([
      {
        file: '_posts/2023-01-01-a.md',
        messages: [
          '_posts/2023-01-01-a.md:3  dropped `comments` from the 3 posts that set it (said once, here at the first): Quire has no comments (the old theme showed Disqus or similar under a post)',
          '_posts/2023-01-01-a.md:4  dropped `layout: article`: Quire has one layout for essays, `post` (in 3 posts: said once, here at the first)',
        ],
      },
    ]);
  });

  it('turns math off for posts without `mathjax: true` when the site loads MathJax only for those', () => {
    const layout = '<head>{% if page.mathjax %}<script src="https://cdn.example/MathJax.js"></script>{% endif %}</head>';
    const site = scratch({
      '_layouts/post.html': layout,
      '_posts/2023-01-01-money.md': post('', 'It cost $5 and $10.\n'),
      '_posts/2023-01-02-maths.md': post('mathjax: true\n', '$x$\n'),
      '_posts/2023-01-03-off.md': post('mathjax: false\n'),
    });
    const { post: frontMatterOf } = run(site);
    expect(frontMatterOf('2023-01-01-money.md')).toMatchObject({ math: false });
    expect(frontMatterOf('2023-01-02-maths.md')).not.toHaveProperty('math');
    expect(frontMatterOf('2023-01-03-off.md')).toMatchObject({ math: false });
  });

  it('leaves math on when the site loads MathJax on every page, or when defaults: turn it on for posts', () => {
    const always = scratch({ '_includes/head.html': '<script src="https://cdn.example/mathjax/2.7/MathJax.js"></script>', '_posts/2023-01-01-a.md': post() });
    expect(run(always).post('2023-01-01-a.md')).not.toHaveProperty('math');
    const byDefault = scratch({
      '_config.yml': 'defaults:\n  - scope: { path: "", type: posts }\n    values: { mathjax: true }\n',
      '_layouts/post.html': '{% if page.mathjax %}{% include mathjax.html %}{% endif %}',
      '_posts/2023-01-01-a.md': post(),
    });
    expect(run(byDefault).post('2023-01-01-a.md')).not.toHaveProperty('math');
  });

  it('evaluates Liquid with the site’s config, the post’s front matter and includes, and maps links to the new posts', () => {
    const site = scratch({
      '_config.yml': 'title: Notes\nbaseurl: /blog\nurl: https://me.example\n',
      '_includes/fig.html': '<img src="{{ include.src | relative_url }}" alt="{{ include.alt }}">',
      'assets/a.png': 'png',
      '_posts/2023-01-01-first.md': post(),
      '_posts/2023-01-02-second.md': post(
        'subtitle: Two\n',
        '{{ page.subtitle }} on {{ site.title }}: [first]({{ site.baseurl }}{% post_url 2023-01-01-first %}#top), [old]({{ site.url }}/blog/2023/01/01/first.html)\n\n{% include fig.html src="/assets/a.png" alt="A" %}\n',
      ),
    });
    const { report, target } = run(site);
    const text = readFileSync(path.join(target, 'posts', '2023-01-02-second.md'), 'utf8');
    expect(text).toContain('Two on Notes: [first](/posts/first/#top), [old](/posts/first/)');
    expect(text).toContain('<img src="/assets/a.png" alt="A">');
    expect(report.copied.map((file) => file.source)).toEqual(['assets/a.png']);
  });

  it('removes <style> blocks, demotes # sections, trims spaces in addresses', () => {
    const site = scratch({
      'assets/a.png': 'png',
      '_posts/2023-01-01-a.md': post('', '<style>\np { text-align: justify; }\n</style>\n\n# One\n\n## Two\n\n<img src="/assets/a.png "> ![b]( /assets/a.png )\n'),
    });
    const { report, target } = run(site);
    const text = readFileSync(path.join(target, 'posts', '2023-01-01-a.md'), 'utf8');
    expect(text).not.toContain('<style>');
    expect(text).toContain('## One\n\n### Two\n\n<img src="/assets/a.png"> ![b](/assets/a.png)');
    expect(report.warnings[0]!.messages).toEqual([
      '_posts/2023-01-01-a.md:5  removed a <style> block (p): on Quire it would restyle the whole site, not just this post',
      '_posts/2023-01-01-a.md:9  the sections are `#` headings (h1), but the essay title is the page’s only h1: every heading was moved down one level',
    ]);
  });
});
