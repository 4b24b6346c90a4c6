import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { postSchema } from '../../src/content.config.ts';
import type { Finding } from '../../src/markdown/findings.ts';
import { formatProblem } from '../../src/diagnostics.ts';
import { readPostSource } from '../../src/validation/read-post-source.ts';
import { readSiteRoutes } from '../../src/validation/site-routes.ts';
import { validatePosts, type PostFile } from '../../src/validation/validate-posts.ts';

/** A throwaway project root with a public/ file and one image beside the posts. */
const root = mkdtempSync(path.join(tmpdir(), 'quire-validate-'));
mkdirSync(path.join(root, 'public', 'images'), { recursive: true });
writeFileSync(path.join(root, 'public', 'images', 'logo.png'), '');
mkdirSync(path.join(root, 'content', 'posts'), { recursive: true });
writeFileSync(path.join(root, 'content', 'posts', 'chart.png'), '');

const post = (entry: string, text: string): PostFile => ({ entry, file: `content/posts/${entry}`, text });
const check = (files: PostFile[], overrides: { production?: boolean; base?: string; findings?: Map<string, Finding[]> } = {}) =>
  validatePosts(files, {
    findings: overrides.findings,
    schema: postSchema,
    root,
    routes: ['/', '/archive/', '/archive', '/tags/*/', '/rss.xml'],
    base: overrides.base ?? '/',
    siteUrl: 'https://essays.example.org',
    production: overrides.production ?? true,
    now: new Date('2025-01-01T00:00:00Z'),
  }).map(formatProblem);

const target = post('target.md', '---\ntitle: Target\n---\n\n## Known Section\n\n<div id="custom-anchor"></div>\n');

describe('validatePosts', () => {
  it('accepts a clean site', () => {
    const source = post('a.md', '---\ntitle: A\n---\n\n## One\n\n[t](/posts/target/#known-section) [r](/archive/) [tag](/tags/ml/) [feed](/rss.xml) [logo](/images/logo.png) ![c](./chart.png) [self](#one) [abs](https://essays.example.org/posts/target/) [ext](https://example.com/nowhere) [mail](mailto:a@b.c)\n');
    expect(check([source, target])).toEqual([]);
  });

  it('locates schema errors on the line of the field', () => {
    expect(check([post('bad.md', '---\ntitle: Fine\ndraft: maybe\n---\nText\n')])).toEqual([
      'content/posts/bad.md:3:1  draft: "maybe" is not true or false',
    ]);
  });

  it.each([
    ['an empty file', '', 'content/posts/x.md:1:1  the file is empty (expected front matter with at least a title)'],
    ['only whitespace', ' \n\n', 'content/posts/x.md:1:1  the file is empty (expected front matter with at least a title)'],
    ['an unclosed fence', '---\ntitle: T\n\nBody', 'content/posts/x.md:1:1  front matter is not closed: add a line with only --- after the last field'],
    ['broken YAML', '---\ntitle: T\ntags: [a, b\n---\n', 'content/posts/x.md:4:1  front matter is not valid YAML: unexpected end of the stream within a flow collection'],
    ['no front matter', 'Just text\n', 'content/posts/x.md:1:1  title: is required (the essay’s title)'],
    ['a title that is only spaces', '---\ntitle: "  "\n---\n', 'content/posts/x.md:2:1  title: must not be empty'],
    ['a date that does not exist', '---\ntitle: T\ndate: 2023-02-30\n---\n', 'content/posts/x.md:3:1  date: "2023-02-30" is not a real date'],
    ['a date that is not a date', '---\ntitle: T\ndate: soon\n---\n', 'content/posts/x.md:3:1  date: "soon" is not a date (expected YYYY-MM-DD, optionally with a time)'],
    ['tags that are not a list', '---\ntitle: T\ntags: ml\n---\n', 'content/posts/x.md:3:1  tags: must be a list of text, like [essays, ml]'],
    ['an unknown layout', '---\ntitle: T\nlayout: page\n---\n', 'content/posts/x.md:3:1  layout: "page" is not a layout (accepted: post)'],
  ])('reports %s', (_, text, line) => {
    expect(check([post('x.md', text)])).toEqual([line]);
  });

  it('reports two posts with one slug', () => {
    const problems = check([post('2020-01-01-same.md', '---\ntitle: A\n---\n'), post('same.md', '---\ntitle: B\n---\n')]);
    expect(problems).toEqual([
      'content/posts/same.md:1:1  slug "same" is already used by content/posts/2020-01-01-same.md; rename the file or set `slug:`',
    ]);
  });

  it('reports links to posts, pages, headings and files that do not exist', () => {
    const text = '---\ntitle: L\n---\n\n## Here\n\n[a](/posts/nope/) [b](#nowhere) [c](/posts/target/#lost) [d](/about/)\n[e](../target/#known-section) [f](../missing/)\n';
    expect(check([post('l.md', text), target])).toEqual([
      'content/posts/l.md:7:1  link "/posts/nope/" points to no post (no post has the slug "nope")',
      'content/posts/l.md:7:19  link "#nowhere" points to "#nowhere", which is not a heading or id in this post',
      'content/posts/l.md:7:33  link "/posts/target/#lost" points to "#lost", which is not a heading or id in content/posts/target.md',
      'content/posts/l.md:7:58  link "/about/" points to no page or file of the site',
      'content/posts/l.md:8:31  link "../missing/" points to no post (no post has the slug "missing")',
    ]);
  });

  it('accepts explicit ids from raw HTML as fragment targets', () => {
    expect(check([post('l.md', '---\ntitle: L\n---\n[x](/posts/target/#custom-anchor)\n'), target])).toEqual([]);
  });

  it('understands the base path and the site origin', () => {
    const text = '---\ntitle: L\n---\n[a](/blog/posts/target/) [b](https://essays.example.org/blog/posts/nope/)\n';
    expect(check([post('l.md', text), target], { base: '/blog/' })).toEqual([
      'content/posts/l.md:4:26  link "https://essays.example.org/blog/posts/nope/" points to no post (no post has the slug "nope")',
    ]);
  });

  it('reports images that do not exist', () => {
    expect(check([post('i.md', '---\ntitle: I\n---\n![a](./missing.png)\n<img src="/images/none.png" alt="">\n')])).toEqual([
      'content/posts/i.md:4:1  image "./missing.png" does not exist (looked for content/posts/missing.png)',
      'content/posts/i.md:5:6  image "/images/none.png" does not exist (looked for public/images/none.png)',
    ]);
  });

  it('refuses javascript: URLs in Markdown and in raw HTML', () => {
    const text = '---\ntitle: J\n---\n[x](javascript:alert(1))\n\n<a href="JavaScript:alert(2)">y</a>\n';
    expect(check([post('j.md', text)])).toEqual([
      'content/posts/j.md:4:1  link "javascript:alert(1)" uses a javascript: URL, which Quire does not publish',
      'content/posts/j.md:6:4  link "JavaScript:alert(2)" uses a javascript: URL, which Quire does not publish',
    ]);
  });

  it('warns about headings that skip levels or repeat the title’s h1', () => {
    expect(check([post('h.md', '---\ntitle: H\n---\n## A\n\n#### B\n\n# C\n')])).toEqual([
      'content/posts/h.md:6:1  warning: heading "B" skips from h2 to h4',
      'content/posts/h.md:8:1  warning: heading "C" is an h1; the title is the page\'s h1, so start sections at ##',
    ]);
  });

  it('treats links to drafts and scheduled posts as dead in production only', () => {
    const draft = post('draft.md', '---\ntitle: D\ndraft: true\n---\n');
    const scheduled = post('later.md', '---\ntitle: S\npublishDate: 2099-01-01\n---\n');
    const linking = post('l.md', '---\ntitle: L\n---\n[d](/posts/draft/) [s](/posts/later/)\n');
    expect(check([linking, draft, scheduled])).toEqual([
      'content/posts/l.md:4:1  link "/posts/draft/" points to content/posts/draft.md, a draft or scheduled post that is not published',
      'content/posts/l.md:4:20  link "/posts/later/" points to content/posts/later.md, a draft or scheduled post that is not published',
    ]);
    expect(check([linking, draft, scheduled], { production: false })).toEqual([]);
  });

  it('reads MDX, including JSX attributes', () => {
    const text = '---\ntitle: M\n---\nimport X from "./x.astro";\n\n## Hi\n\n<a href="#hi">ok</a> <a href="#gone">no</a>\n';
    expect(check([post('m.mdx', text)])).toEqual([
      'content/posts/m.mdx:8:22  link "#gone" points to "#gone", which is not a heading or id in this post',
    ]);
  });
});

describe('readPostSource', () => {
  it('reads a byte-order mark and Windows line endings like any other file', () => {
    const source = readPostSource('\uFEFF---\r\ntitle: T\r\ndate: 2023-01-02\r\n---\r\n\r\nBody\r\n');
    expect(source).toMatchObject({ ok: true, frontMatter: { title: 'T', date: '2023-01-02' }, bodyLine: 5 });
  });
});

describe('readSiteRoutes', () => {
  it('turns src/pages into route patterns', () => {
    const pages = mkdtempSync(path.join(tmpdir(), 'quire-pages-'));
    for (const file of ['index.astro', 'archive.astro', 'rss.xml.ts', 'tags/[tag].astro', 'posts/[slug].astro', '[...legacy].ts']) {
      mkdirSync(path.dirname(path.join(pages, file)), { recursive: true });
      writeFileSync(path.join(pages, file), '');
    }
    expect(readSiteRoutes(pages).sort()).toEqual(['/', '/**', '/**/', '/archive', '/archive/', '/posts/*', '/posts/*/', '/rss.xml', '/tags/*', '/tags/*/']);
  });

  describe('old rot and browsers’ reading of URLs', () => {
    const imported = '---\ntitle: Old\nimported:\n  from: jekyll\n  file: _posts/2015-01-01-old.md\n---\n\n';

    it('counts <a name> as a link target, as browsers do', () => {
      const source = post('a.md', '---\ntitle: A\n---\n\n<a name="part-2"></a>\n\nText. [Part 2](#part-2)\n');
      expect(check([source])).toEqual([]);
    });

    it('reads addresses with spaces around or line breaks inside as browsers do', () => {
      const source = post('a.md', '---\ntitle: A\n---\n\n<img src="/images/logo.png " alt="">\n\n<img src="/images/\nlogo.png" alt="">\n');
      expect(check([source])).toEqual([]);
    });

    it('reports an imported essay’s dead links and missing images as warnings', () => {
      const source = post('old.md', `${imported}[gone](#no-such-part) ![x](/missing.png) [w](www.example.com/page)\n`);
      expect(check([source])).toEqual([
        'content/posts/old.md:8:1  warning: link "#no-such-part" points to "#no-such-part", which is not a heading or id in this post',
        'content/posts/old.md:8:42  warning: link "www.example.com/page" has no scheme, so browsers read it as a page of this site: write https://www.example.com/page',
        'content/posts/old.md:8:23  warning: image "/missing.png" does not exist (looked for public/missing.png)',
      ]);
    });

    it('keeps a missing image beside an imported essay an error: Astro cannot build the page without it', () => {
      expect(check([post('old.md', `${imported}![x](./missing.png)\n`)])).toEqual([
        'content/posts/old.md:8:1  image "./missing.png" does not exist (looked for content/posts/missing.png)',
      ]);
    });

    it('keeps unsafe URLs errors in imported essays', () => {
      expect(check([post('old.md', `${imported}[x](javascript:alert(1))\n`)])[0]).toMatch(/^content\/posts\/old.md:8:1  link "javascript:alert\(1\)" uses a javascript: URL/);
    });

    it('keeps a new essay’s dead link an error, and makes a draft’s a warning in a production build', () => {
      expect(check([post('new.md', '---\ntitle: New\n---\n\n![x](./missing.png)\n')])).toEqual([
        'content/posts/new.md:5:1  image "./missing.png" does not exist (looked for content/posts/missing.png)',
      ]);
      expect(check([post('draft.md', '---\ntitle: Draft\ndraft: true\n---\n\n![x](./missing.png)\n')])).toEqual([
        'content/posts/draft.md:6:1  warning: image "./missing.png" does not exist (looked for content/posts/missing.png)',
      ]);
    });

    it('reports broken output as an error in production, and as a warning in dev or for an imported essay', () => {
      const finding: Finding = { line: 9, column: 3, message: 'A Liquid tag was published as text', rule: 'broken-output', severity: 'error' };
      const findings = new Map([['content/posts/a.md', [finding]], ['content/posts/old.md', [finding]]]);
      const files = [post('a.md', '---\ntitle: A\n---\n'), post('old.md', imported)];
      expect(check(files, { findings })).toEqual([
        'content/posts/a.md:9:3  A Liquid tag was published as text',
        'content/posts/old.md:9:3  warning: A Liquid tag was published as text',
      ]);
      expect(check(files, { findings, production: false })).toEqual([
        'content/posts/a.md:9:3  warning: A Liquid tag was published as text',
        'content/posts/old.md:9:3  warning: A Liquid tag was published as text',
      ]);
    });
  });

  describe('what cannot be published as written', () => {
    it('places an unknown field on its own line, with what it probably meant', () => {
      const problems = check([post('x.md', '---\ntitle: T\ntittle: Typo\ncategories: [ml]\nzzz: 1\n---\n')]);
      expect(problems).toHaveLength(3);
      expect(problems[0]).toMatch(/^content\/posts\/x.md:3:1  unknown field "tittle": did you mean "title"\? \(known fields: title, /);
      expect(problems[1]).toMatch(/^content\/posts\/x.md:4:1  unknown field "categories": Quire calls it tags \(known fields/);
      expect(problems[2]).toMatch(/^content\/posts\/x.md:5:1  unknown field "zzz" \(known fields/);
    });

    it('refuses control characters in text that reaches feeds and titles', () => {
      expect(check([post('x.md', '---\ntitle: "a\\0b"\n---\n')])).toEqual([
        'content/posts/x.md:2:1  title: contains an invisible control character (U+0000) at character 2, which feeds and browsers refuse: delete it',
      ]);
    });

    it('refuses a file name that cannot be a page address', () => {
      expect(check([post('!!!.md', '---\ntitle: T\n---\n')])).toEqual([
        'content/posts/!!!.md:1:1  the file name "!!!.md" has no letter or digit, so the essay has no address: rename the file or set `slug:`',
      ]);
      expect(check([post('!!!.md', '---\ntitle: T\nslug: fine\n---\n')])).toEqual([]);
    });

    it('refuses a tag that cannot be a page address', () => {
      expect(check([post('x.md', '---\ntitle: T\ntags: [ml, "!!!"]\n---\n')])).toEqual([
        'content/posts/x.md:3:1  tags.1: tag "!!!" has no letter or digit, so it has no page address (/tags/…/): use words',
      ]);
    });

    it.each([
      ['/404.html', 'is a page or file the site already has (404.html); a redirect would replace it'],
      ['/tags/', 'is a page or file the site already has (tags/index.html); a redirect would replace it'],
      ['/rss.xml', 'is a page or file the site already has (rss.xml); a redirect would replace it'],
      ['/_astro/site.css', 'is a page or file the site already has (_astro/site.css); a redirect would replace it'],
      ['/images/logo.png', 'is public/images/logo.png; a redirect would replace it'],
    ])('refuses a redirect from %s, which would replace a file of the site', (from, message) => {
      const routes = ['/', '/archive/', '/archive', '/tags/*/', '/tags/', '/rss.xml', '/404', '/404/'];
      const problems = validatePosts([post('x.md', `---\ntitle: T\nredirectFrom: [${from}]\n---\n`)], {
        schema: postSchema,
        root,
        routes,
        base: '/',
        siteUrl: 'https://essays.example.org',
        production: true,
      }).map(formatProblem);
      expect(problems).toEqual([`content/posts/x.md:3:1  redirectFrom: "${from}" ${message}`]);
    });

    it('refuses two essays redirecting from one old URL, and a path with an empty segment', () => {
      const a = post('a.md', '---\ntitle: A\nredirectFrom: [/old.html]\n---\n');
      const b = post('b.md', '---\ntitle: B\nredirectFrom: [/old.html]\n---\n');
      expect(check([a, b])).toEqual(['content/posts/b.md:3:1  redirectFrom: "/old.html" is already redirected to content/posts/a.md']);
      expect(check([post('c.md', '---\ntitle: C\nredirectFrom: [/a//b.html]\n---\n')])[0]).toMatch(/^content\/posts\/c.md:3:1  redirectFrom.0: "\/a\/\/b.html" is not a path on this site/);
    });
  });

  describe('images that are not images of the site', () => {
    it('refuses a file that is not an image (media for <video> is fine), a path outside the project, and a link leading out of it, even when imported', () => {
      writeFileSync(path.join(root, 'content', 'posts', 'notes.txt'), 'text');
      symlinkSync('/etc/hostname', path.join(root, 'content', 'posts', 'leak.png'));
      const imported = '---\ntitle: Old\nimported:\n  from: jekyll\n  file: _posts/x.md\n---\n\n';
      writeFileSync(path.join(root, 'content', 'posts', 'clip.mp4'), '');
      expect(check([post('v.md', '---\ntitle: V\n---\n\n<video controls><source src="./clip.mp4" type="video/mp4"></video>\n')])).toEqual([]);
      expect(check([post('x.md', `${imported}![a](./notes.txt)\n\n![b](../../../secret.png)\n\n![c](./leak.png)\n`)])).toEqual([
        'content/posts/x.md:8:1  image "./notes.txt" is not an image (.txt); images are .png .jpg .jpeg .gif .webp .avif .svg .apng .bmp .ico .tif .tiff',
        `content/posts/x.md:10:1  image "../../../secret.png" is outside the project (${path.resolve(root, '..', 'secret.png')}); Quire publishes only files of the site`,
        'content/posts/x.md:12:1  image "./leak.png" is a link to a file outside the project; Quire publishes only files of the site',
      ]);
    });
  });
});
