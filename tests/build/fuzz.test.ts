import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { postSchema } from '../../src/content.config.ts';
import { formatProblem } from '../../src/diagnostics.ts';
import { validatePosts } from '../../src/validation/validate-posts.ts';
import { createFixtureSite, runScript, type FixtureSite } from '../support/fixture-site.ts';
import { repoRoot } from '../support/paths.ts';
import { renderMarkdown } from '../support/render-markdown.ts';

/** Text an author might type, including the characters that break naive generators. */
const words = fc.stringMatching(/^[A-Za-zÀ-ÿ0-9 <>&"'`*_#|\\[\]()!{}:;.,?-]{1,30}$/);
const slugs = fc.constantFrom('first', 'second', 'missing', 'a-b');

const markdownBlock = fc.oneof(
  words.map((text) => `${text}\n`),
  fc.tuple(fc.integer({ min: 1, max: 6 }), words).map(([depth, text]) => `${'#'.repeat(depth)} ${text}\n`),
  fc.tuple(words, slugs, fc.option(words)).map(([text, slug, fragment]) => `[${text}](/posts/${slug}/${fragment ? `#${fragment}` : ''})\n`),
  fc.array(words, { minLength: 1, maxLength: 4 }).map((cells) => `| ${cells.join(' | ')} |\n|${cells.map(() => ' --- ').join('|')}|\n| ${cells.join(' | ')} |\n`),
  fc.array(words, { minLength: 1, maxLength: 5 }).map((items) => items.map((item, i) => `${'  '.repeat(i)}- ${item}`).join('\n') + '\n'),
  fc.tuple(fc.constantFrom('ts', 'js', 'python', 'nonsense', ''), words).map(([lang, code]) => `\`\`\`${lang}\n${code}\n\`\`\`\n`),
  words.map((text) => `<div>${text}</div>\n`),
  words.map((text) => `> ${text}\n`),
);

const frontMatterValue = {
  title: fc.oneof(words, fc.constant(''), fc.constant('   ')),
  date: fc.oneof(fc.constant('2023-01-31'), fc.constant('2023-02-30'), fc.constant('not a date'), fc.constant('2024-02-29 10:00 +0200')),
  draft: fc.oneof(fc.boolean().map(String), fc.constant('maybe')),
  tags: fc.oneof(fc.array(words, { maxLength: 3 }).map((tags) => JSON.stringify(tags)), words),
};

const post = fc
  .record({
    title: fc.option(frontMatterValue.title, { nil: undefined }),
    date: fc.option(frontMatterValue.date, { nil: undefined }),
    draft: fc.option(frontMatterValue.draft, { nil: undefined }),
    tags: fc.option(frontMatterValue.tags, { nil: undefined }),
    body: fc.array(markdownBlock, { maxLength: 8 }),
    closed: fc.boolean(),
  })
  .map(({ title, date, draft, tags, body, closed }) => {
    const fields = [
      title !== undefined && `title: ${JSON.stringify(title)}`,
      date !== undefined && `date: ${date}`,
      draft !== undefined && `draft: ${draft}`,
      tags !== undefined && `tags: ${tags}`,
    ].filter(Boolean);
    return `---\n${fields.join('\n')}\n${closed ? '---\n' : ''}\n${body.join('\n')}`;
  });

const PROBLEM_LINE = /^content\/posts\/[a-z0-9-]+\.md:\d+:\d+ {2}(warning: )?\S.*$/;

function check(texts: string[]) {
  const files = texts.map((text, i) => ({ entry: `post-${i}.md`, file: `content/posts/post-${i}.md`, text }));
  return validatePosts(files, { schema: postSchema, root: repoRoot, routes: ['/'], base: '/', siteUrl: 'https://x.example', production: true });
}

describe('generated posts', () => {
  it('either pass the checks and render, or get clear located errors', async () => {
    await fc.assert(
      fc.asyncProperty(post, async (text) => {
        const problems = check([text]);
        for (const line of problems.map(formatProblem)) expect(line).toMatch(PROBLEM_LINE);
        if (!problems.some((problem) => problem.severity === 'error')) {
          const body = text.slice(text.indexOf('---\n', 4) + 4);
          const { html } = await renderMarkdown(body);
          expect(typeof html).toBe('string');
        }
      }),
      { numRuns: 150, seed: 20261128 },
    );
  });

  describe('built by npm run build', () => {
    let site: FixtureSite | undefined;
    afterAll(() => site?.remove());

    it('end in a clean build or in problem lines only, never a crash', async () => {
      const texts = fc.sample(post, { numRuns: 12, seed: 42 });
      site = createFixtureSite('fuzz');
      texts.forEach((text, i) => site!.write(`content/posts/post-${i}.md`, text));
      site.write('content/posts/first.md', '---\ntitle: First\ndate: 2023-01-01\n---\n');
      const result = await runScript(site.root, 'build.ts');
      const expectedErrors = check([...texts]).filter((problem) => problem.severity === 'error').map(formatProblem);
      if (result.code === 0) {
        expect(expectedErrors).toEqual([]);
        expect(result.output).toContain('Built dist/');
      } else {
        expect(result.code).toBe(1);
        expect(result.output).toContain('Build failed; dist/ was left as it was.');
        expect(result.output).not.toMatch(/^\s+at /m);
        const printed = result.output.split('\n').filter((line) => PROBLEM_LINE.test(line) && !line.includes('warning:'));
        expect(printed.length).toBeGreaterThan(0);
      }
    });
  });
});
