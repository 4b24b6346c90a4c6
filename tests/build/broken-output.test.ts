import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, attr, byTag, readHtml, textOf } from '../../scripts/audit/html.ts';
import { createFixtureSite, runScript, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';

const imported = (title: string, date: string) =>
  `---\ntitle: ${title}\ndate: ${date}\nimported:\n  from: jekyll\n  file: _posts/${date}-x.md\n---\n`;

/** An essay written for Quire whose output would not be what its author wrote. */
const BROKEN = [
  '---',
  'title: Written here',
  'date: 2024-01-02',
  '---',
  '',
  'Intro with {% post_url 2019-01-01-old %} in it.',
  '',
  '<div class="note">',
  '## A heading the div swallowed',
  '</div>',
  '',
].join('\n');

describe('broken output in an essay written for Quire', () => {
  let site: FixtureSite;
  let build: BuildResult;
  let check: BuildResult;
  beforeAll(async () => {
    site = createFixtureSite('broken-output', { 'posts/written-here.md': BROKEN });
    build = await site.build();
    check = await runScript(site.root, 'check.ts', ['--content-only']);
  });
  afterAll(() => site?.remove());

  it('stops the build with one located line per finding, and publishes nothing', () => {
    expect(build.code).not.toBe(0);
    expect(build.output).toContain('content/posts/written-here.md:6:12  A Liquid tag was published as text: `{% post_url 2019-01-01-old %}`');
    expect(build.output).toContain('content/posts/written-here.md:9:1  A Markdown heading was published as text: `## A heading the div swallowed`');
    expect(existsSync(path.join(site.dist, 'index.html'))).toBe(false);
  });

  it('is reported by npm run check the same way', () => {
    expect(check.code).toBe(1);
    expect(check.output).toContain('content/posts/written-here.md:6:12  A Liquid tag was published as text');
    expect(check.output).toContain('content/posts/written-here.md:9:1  A Markdown heading was published as text');
    expect(check.output).toContain('1 posts checked: 2 errors, 0 warnings.');
  });
});

describe('an imported essay with the old site’s rot', () => {
  let site: FixtureSite;
  let build: BuildResult;
  beforeAll(async () => {
    site = createFixtureSite('old-rot', {
      'posts/2015-03-04-old.md': [
        imported('From the old blog', '2015-03-04'),
        '#### First part',
        '',
        'See [the second part](#second) and [a section that was renamed](#renamed).',
        '',
        '#### Second part',
        '',
        '<a name="second"></a>',
        '',
        'A picture that was lost long ago: ![lost](/assets/lost.png)',
        '',
        '##### A detail',
        '',
        'Left over: {{ site.baseurl }}.',
        '',
      ].join('\n'),
      'posts/unpublished.md': '---\ntitle: Not yet\ndate: 2024-01-01\ndraft: true\n---\n\n![missing](./missing.png)\n',
    });
    build = await site.build();
  });
  afterAll(() => site?.remove());

  it('builds, with every defect a located warning', () => {
    expect(build.code, build.output).toBe(0);
    expect(build.output).toContain('content/posts/2015-03-04-old.md:11:36  warning: link "#renamed" points to "#renamed", which is not a heading or id in this post');
    expect(build.output).toContain('content/posts/2015-03-04-old.md:17:35  warning: image "/assets/lost.png" does not exist');
    expect(build.output).toContain('content/posts/2015-03-04-old.md:21:12  warning: A Liquid expression was published as text');
    expect(build.output).toContain('content/posts/unpublished.md:7:1  warning: image "./missing.png" does not exist');
    expect(build.output).not.toContain('#second');
  });

  it('gives an essay whose sections are #### a table of contents of its two highest levels', () => {
    const page = readHtml(path.join(site.dist, 'posts', 'old', 'index.html'));
    const toc = all(page, (element) => element.tagName === 'nav' && attr(element, 'aria-labelledby') === 'toc-heading')[0]!;
    expect(byTag(toc, 'a').map((link) => textOf(link).trim())).toEqual(['First part', 'Second part', 'A detail']);
  });
});

describe('URLs that run code, written so that a regular expression would miss them', () => {
  let markdown: FixtureSite;
  let mdx: FixtureSite;
  let builds: { markdown: BuildResult; mdx: BuildResult; check: BuildResult };
  beforeAll(async () => {
    markdown = createFixtureSite('unsafe-md', {
      'posts/tabbed.md': '---\ntitle: Tabbed\ndate: 2024-01-02\nimported:\n  from: jekyll\n  file: _posts/x.md\n---\n\nA <a href="java&Tab;script:alert(1)//x/../../../">link</a>.\n\n<form action="javascript:alert(2)"><button>Go</button></form>\n',
    });
    mdx = createFixtureSite('unsafe-mdx', {
      'posts/expression.mdx': "---\ntitle: Expression\ndate: 2024-01-02\n---\n\nA <a href={'javascript:alert(1)'}>link</a>.\n",
    });
    const [markdownBuild, mdxBuild, check] = await Promise.all([markdown.build(), mdx.build(), runScript(markdown.root, 'check.ts', ['--content-only'])]);
    builds = { markdown: markdownBuild, mdx: mdxBuild, check };
  });
  afterAll(() => {
    markdown?.remove();
    mdx?.remove();
  });

  it('stops the build of a Markdown essay, imported or not, at the line', () => {
    expect(builds.markdown.code).not.toBe(0);
    expect(builds.markdown.output).toContain('content/posts/tabbed.md:9:6  a javascript: URL in the href of a <a> would run code');
    expect(builds.markdown.output).toContain('content/posts/tabbed.md:11:15  a javascript: URL in the action of a <form> would run code');
    expect(builds.check.code).toBe(1);
    expect(builds.check.output).toContain('content/posts/tabbed.md:9:6  a javascript: URL in the href of a <a>');
  });

  it('stops the build of an MDX essay whose attribute is an expression', () => {
    expect(builds.mdx.code).not.toBe(0);
    expect(builds.mdx.output).toMatch(/a javascript: URL in the href of <a> would run code on the reader's page/);
    expect(builds.mdx.output).toContain('expression.mdx');
    expect(existsSync(path.join(mdx.dist, 'index.html'))).toBe(false);
  });
});

describe('broken output in an MDX essay', () => {
  let site: FixtureSite;
  let build: BuildResult;
  let check: BuildResult;
  beforeAll(async () => {
    site = createFixtureSite('broken-mdx', {
      'posts/written-in-mdx.mdx': '---\ntitle: Written in MDX\ndate: 2024-01-02\n---\n\nThe bound is $\\foobar{x}$ here.\n',
    });
    [build, check] = await Promise.all([site.build(), runScript(site.root, 'check.ts', ['--content-only'])]);
  });
  afterAll(() => site?.remove());

  it('is reported by npm run check at its line', () => {
    expect(check.code).toBe(1);
    expect(check.output).toContain('content/posts/written-in-mdx.mdx:6:14  math: cannot typeset Undefined control sequence \\foobar: \\foobar{x}');
  });

  it('stops the build', () => {
    expect(build.code).not.toBe(0);
    expect(build.output).toContain('math: cannot typeset Undefined control sequence \\foobar: \\foobar{x}');
    expect(existsSync(path.join(site.dist, 'index.html'))).toBe(false);
  });
});
