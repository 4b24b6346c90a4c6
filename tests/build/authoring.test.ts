import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureSite, runScript, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';

/** Every file under `dir` with a hash of its bytes, to prove a folder did not change. */
function fingerprint(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const file = path.join(current, name);
      if (statSync(file).isDirectory()) walk(file);
      else result[path.relative(dir, file)] = createHash('sha256').update(readFileSync(file)).digest('hex');
    }
  };
  walk(dir);
  return result;
}

/** Each bad file, and the line `npm run build` must print for it. */
const BAD_POSTS: Record<string, [text: string, expected: string]> = {
  'missing title': ['---\ndate: 2023-01-01\n---\nText.\n', 'content/posts/missing-title.md:1:1  title: is required (the essay’s title)'],
  'empty title': ['---\ntitle: ""\n---\nText.\n', 'content/posts/empty-title.md:2:1  title: must not be empty'],
  'date that does not exist': ['---\ntitle: T\ndate: 2023-02-30\n---\n', 'content/posts/impossible-date.md:3:1  date: "2023-02-30" is not a real date'],
  'date that is not a date': ['---\ntitle: T\ndate: next week\n---\n', 'content/posts/not-a-date.md:3:1  date: "next week" is not a date (expected YYYY-MM-DD, optionally with a time)'],
  'broken YAML': ['---\ntitle: "unclosed\n---\n', 'content/posts/broken-yaml.md:3:1  front matter is not valid YAML: unexpected end of the stream within a double quoted scalar'],
  'unclosed front-matter fence': ['---\ntitle: T\n\nBody text.\n', 'content/posts/unclosed-fence.md:1:1  front matter is not closed: add a line with only --- after the last field'],
  'draft that is not a boolean': ['---\ntitle: T\ndraft: maybe\n---\n', 'content/posts/draft-not-boolean.md:3:1  draft: "maybe" is not true or false'],
  'tags that are not a list': ['---\ntitle: T\ntags: ml, essays\n---\n', 'content/posts/tags-not-list.md:3:1  tags: must be a list of text, like [essays, ml]'],
  'unknown layout': ['---\ntitle: T\nlayout: default\n---\n', 'content/posts/unknown-layout.md:3:1  layout: "default" is not a layout (accepted: post)'],
  'empty file': ['', 'content/posts/empty-file.md:1:1  the file is empty (expected front matter with at least a title)'],
  'javascript: link in Markdown': ['---\ntitle: T\n---\n[x](javascript:alert(1))\n', 'content/posts/javascript-markdown.md:4:1  link "javascript:alert(1)" uses a javascript: URL, which Quire does not publish'],
  'javascript: link in raw HTML': ['---\ntitle: T\n---\n<a href="javascript:alert(2)">y</a>\n', 'content/posts/javascript-html.md:4:4  link "javascript:alert(2)" uses a javascript: URL, which Quire does not publish'],
  'a tag with no letters': ['---\ntitle: T\ntags: ["!!!"]\n---\n', 'content/posts/tag-no-letters.md:3:1  tags.0: tag "!!!" has no letter or digit, so it has no page address (/tags/…/): use words'],
  'a control character in the title': ['---\ntitle: "a\\0b"\n---\n', 'content/posts/control-character.md:2:1  title: contains an invisible control character (U+0000) at character 2'],
  'a redirect over the 404 page': ['---\ntitle: T\nredirectFrom: [/404.html]\n---\n', 'content/posts/redirect-404.md:3:1  redirectFrom: "/404.html" is a page or file the site already has (404.html)'],
  'a redirect with an empty segment': ['---\ntitle: T\nredirectFrom: [/a//b.html]\n---\n', 'content/posts/redirect-double-slash.md:3:1  redirectFrom.0: "/a//b.html" is not a path on this site'],
  'an unknown citation': ['---\ntitle: T\n---\n\nAs shown [@sqaud].\n', 'content/posts/unknown-citation.md:5:10  [@sqaud] cites "sqaud"'],
  'an unknown field': ['---\ntitle: T\nexcerpt: Short.\n---\n', 'content/posts/unknown-field.md:3:1  unknown field "excerpt": Quire calls it description'],
  'two posts with one slug': ['---\ntitle: Other\nslug: good-post\n---\n', 'content/posts/two-posts-one-slug.md:1:1  slug "good-post" is already used by content/posts/good-post.md; rename the file or set `slug:`'],
};
const fileNameFor = (expected: string) => path.basename(expected.split(':')[0]!);

describe('a build that fails', () => {
  let site: FixtureSite;
  let before: Record<string, string>;
  let failed: BuildResult;

  beforeAll(async () => {
    site = createFixtureSite('failing', { 'posts/good-post.md': '---\ntitle: Good\ndate: 2023-01-01\n---\n\n## Section\n\nText.\n' });
    const first = await runScript(site.root, 'build.ts');
    expect(first.output).toContain('Built dist/');
    expect(first.code).toBe(0);
    before = fingerprint(site.dist);
    for (const [text, expected] of Object.values(BAD_POSTS)) site.write(`content/posts/${fileNameFor(expected)}`, text);
    failed = await runScript(site.root, 'build.ts');
  });
  afterAll(() => site?.remove());

  it('exits non-zero and says dist/ was kept', () => {
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('Build failed; dist/ was left as it was.');
  });

  it('leaves the previous dist/ exactly as it was, with no half-built folder beside it', () => {
    expect(Object.keys(before).length).toBeGreaterThan(2);
    expect(fingerprint(site.dist)).toEqual(before);
    expect(readdirSync(site.root).filter((name) => name.startsWith('.dist-'))).toEqual([]);
  });

  it('is matched by npm run check, which finds everything the build refuses', async () => {
    const check = await runScript(site.root, 'check.ts', ['--content-only']);
    expect(check.code).toBe(1);
    for (const [, expected] of Object.values(BAD_POSTS)) expect(check.output).toContain(expected);
  });

  it('prints compiler-style lines, never a stack trace', () => {
    expect(failed.output).not.toMatch(/^\s+at /m);
    expect(failed.output).not.toContain('Stack trace');
  });

  it.each(Object.entries(BAD_POSTS))('names the file and the problem for %s', (_, [, expected]) => {
    expect(failed.output).toContain(expected);
  });

  it('swaps in the new site once the content is fixed', async () => {
    for (const [, expected] of Object.values(BAD_POSTS)) rmSync(path.join(site.root, 'content/posts', fileNameFor(expected)));
    site.write('content/posts/second.md', '---\ntitle: Second\ndate: 2023-02-01\n---\nMore.\n');
    // What a build killed with `kill -9` leaves: the folder of a process that is gone.
    const gone = spawnSync('true').pid;
    site.write(`.dist-building-${gone}/index.html`, 'half a site');
    const fixed = await runScript(site.root, 'build.ts');
    expect(fixed.code).toBe(0);
    expect(existsSync(path.join(site.dist, 'posts', 'second', 'index.html'))).toBe(true);
    expect(readdirSync(site.root).filter((name) => name.startsWith('.dist-'))).toEqual([]);
  });
});

describe('npm run check', () => {
  let site: FixtureSite;
  beforeAll(() => {
    site = createFixtureSite('check', {
      'posts/fine.md': '---\ntitle: Fine\ndate: 2023-01-01\n---\n\n## One\n\n#### Three\n',
      'posts/linking.md': '---\ntitle: Linking\ndate: 2023-01-01\n---\n\nSee [fine](/posts/fine/#two) and ![chart](./chart.png).\n',
    });
  });
  afterAll(() => site?.remove());

  it('reports every problem as path:line:col, exits 1, and writes no dist/', async () => {
    const result = await runScript(site.root, 'check.ts', ['--content-only']);
    expect(result.output).toContain('content/posts/fine.md:8:1  warning: heading "Three" skips from h2 to h4');
    expect(result.output).toContain('content/posts/linking.md:6:5  link "/posts/fine/#two" points to "#two", which is not a heading or id in content/posts/fine.md');
    expect(result.output).toContain('content/posts/linking.md:6:34  image "./chart.png" does not exist (looked for content/posts/chart.png)');
    expect(result.output).toContain('2 posts checked: 2 errors, 1 warning.');
    expect(result.code).toBe(1);
    expect(existsSync(site.dist)).toBe(false);
  });

  it('passes once the content is right', async () => {
    site.write('content/posts/linking.md', '---\ntitle: Linking\ndate: 2023-01-01\n---\n\nSee [fine](/posts/fine/#one).\n');
    const result = await runScript(site.root, 'check.ts', ['--content-only']);
    expect(result.output).toContain('2 posts checked: 0 errors, 1 warning.');
    expect(result.code).toBe(0);
  });
});
