import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createEssayRenderer, rendererSettings, type EssayToRender, type RenderOutcome } from '../../src/markdown/render/essay-renderer.ts';
import { shikiConfig } from '../../src/markdown/pipeline.ts';
import { pipelineFingerprint, projectImports, renderEssays } from '../../src/markdown/render/render-essays.ts';
import { readOutline } from '../../src/markdown/outline.ts';
import { readSeed } from '../../bench/corpus.ts';
import { renderMarkdown } from '../support/render-markdown.ts';
import { repoRoot } from '../support/paths.ts';

/** What astro.config.ts resolves to, as far as the renderer reads it (Astro's defaults + ours). */
const settings = rendererSettings({
  image: { domains: [], remotePatterns: [] },
  markdown: { syntaxHighlight: { type: 'shiki', excludeLangs: ['math'] }, shikiConfig, gfm: true, smartypants: true },
});
const workerFile = path.join(repoRoot, 'src', 'markdown', 'render', 'render-worker.ts');

const references = [{ id: 'squad', title: 'SQuAD', url: 'https://rajpurkar.github.io/SQuAD-explorer/' }];
const bodies: Record<string, string> = {
  seed: readSeed().body.trim(),
  outline: [
    '## Intro',
    '',
    'See [the other essay](/posts/other/#part-two) and [below](#intro-1), ![a chart](./chart.png).',
    '',
    '## Intro',
    '',
    '<a href="/archive/" id="explicit">archive</a> <img src="/x.png" alt="">',
    '',
    '#### Skips a level with `code` and $x^2$',
    '',
    'Math with a link-like text: $[not](a-link)$. A citation [@squad].',
    '',
    '[def]: /tags/ml/',
  ].join('\n'),
  crlf: '## One\r\n\r\nA [link](/one/).\r\n\r\n## Two\r\n',
};

const tempDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'quire-render-'));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const essay = (name: string, body = bodies[name]!): EssayToRender => ({
  filePath: path.join(repoRoot, 'content', 'posts', `${name}.md`),
  body,
  data: { title: name, references },
});

describe('the essay renderer', () => {
  it('renders exactly what the site pipeline renders', async () => {
    const renderer = await createEssayRenderer(settings);
    for (const name of Object.keys(bodies)) {
      const ours = await renderer.render(essay(name));
      const site = await renderMarkdown(bodies[name]!, { frontmatter: { references }, fileURL: pathToFileURL(essay(name).filePath) });
      expect(ours.html, name).toBe(site.html);
      expect(ours.metadata.headings, name).toEqual(site.headings);
    }
  });

  it('reads the same outline from the tree it renders as the checks read from the source', async () => {
    const renderer = await createEssayRenderer(settings);
    for (const name of Object.keys(bodies)) {
      const { outline } = await renderer.render(essay(name));
      expect(outline, name).toEqual(readOutline(bodies[name]!));
    }
    const { outline } = await renderer.render(essay('outline'));
    expect(outline.headings.map((h) => h.slug)).toEqual(['intro', 'intro-1', 'skips-a-level-with-code-and-x2']);
    expect(outline.links.map((l) => l.url)).toEqual(['/posts/other/#part-two', '#intro-1', '/archive/', '/tags/ml/']);
    expect([...outline.ids]).toContain('explicit');
  });

  it('keeps only what plugins added to the front matter, not the front matter again', async () => {
    const renderer = await createEssayRenderer(settings);
    const plain = await renderer.render(essay('crlf'));
    expect(plain.metadata.frontmatter).toEqual({});
    const withMath = await renderer.render(essay('math', 'Euler: $e^{i\\pi} + 1 = 0$'));
    expect(withMath.metadata.frontmatter).toEqual({ hasMath: true });
  });
});

describe('renderEssays', () => {
  const many = Array.from({ length: 30 }, (_, i) => essay(`essay-${i}`, `## Part ${i}\n\nText ${i} with [a link](/posts/essay-${i + 1}/).\n\n\`\`\`ts\nconst n = ${i};\n\`\`\`\n`));

  it('renders in worker threads what this thread renders, and caches it by content', async () => {
    const cacheDir = tempDir();
    const options = { settings, fingerprint: 'a', workerFile, cacheDir };
    const first = await renderEssays(many, { ...options, threads: 2 });
    expect(first.stats).toEqual({ cached: 0, rendered: 30, threads: 2 });
    const inThisThread = await renderEssays(many, { ...options, cacheDir: undefined, threads: 1 });
    expect(inThisThread.stats.threads).toBe(1);
    const withoutStore = (outcome: RenderOutcome | undefined) => outcome && { ...outcome, storedAt: undefined };
    for (const { filePath } of many) expect(withoutStore(first.outcomes.get(filePath))).toEqual(withoutStore(inThisThread.outcomes.get(filePath)));
    for (const { filePath } of many) expect(first.outcomes.get(filePath)).toMatchObject({ storedAt: expect.stringContaining(cacheDir) });

    const again = await renderEssays(many, { ...options, threads: 2 });
    expect(again.stats).toEqual({ cached: 30, rendered: 0, threads: 1 });
    for (const { filePath } of many) expect(again.outcomes.get(filePath)).toEqual(first.outcomes.get(filePath));

    const edited = many.map((e, i) => (i === 3 ? { ...e, body: `${e.body}\nOne more line.\n` } : e));
    expect((await renderEssays(edited, options)).stats).toMatchObject({ cached: 29, rendered: 1 });
    expect((await renderEssays(many, { ...options, fingerprint: 'b' })).stats).toMatchObject({ cached: 0, rendered: 30 });
  }, 120_000);

  it('renders the same bytes under heavy CPU contention as on an idle machine', async () => {
    // Long lines of code, where a time limit in the highlighter would show first.
    const code = Array.from({ length: 400 }, (_, i) => `const value${i} = compute(${i}, "text ${i}") + other(${i}) * 2;`).join(' ');
    const essays = Array.from({ length: 6 }, (_, i) => essay(`busy-${i}`, `## Part ${i}\n\n\`\`\`ts\n${code}\n\`\`\`\n\nText $x_${i}^2$.\n`));
    const idle = await renderEssays(essays, { settings, fingerprint: 'a', workerFile, threads: 1 });
    // Four threads that spin for as long as the render takes, on a machine with two cores or so.
    const spinners = Array.from({ length: 4 }, () => new Worker('for (;;) {}', { eval: true }));
    try {
      const busy = await renderEssays(essays, { settings, fingerprint: 'a', workerFile, threads: 2 });
      for (const { filePath } of essays) expect(busy.outcomes.get(filePath)).toEqual(idle.outcomes.get(filePath));
    } finally {
      await Promise.all(spinners.map((spinner) => spinner.terminate()));
    }
  }, 180_000);

  it('renders again, rather than trusting, a cache file that was truncated, edited or moved', async () => {
    const cacheDir = tempDir();
    const options = { settings, fingerprint: 'a', workerFile, cacheDir, threads: 1 };
    const three = many.slice(0, 3);
    const first = await renderEssays(three, options);
    const files = three.map(({ filePath }) => (first.outcomes.get(filePath) as { storedAt: string }).storedAt);
    const original = files.map((file) => readFileSync(file, 'utf8'));
    writeFileSync(files[0]!, original[0]!.slice(0, 200)); // truncated
    writeFileSync(files[1]!, original[1]!.replace('Text 1', 'Text ONE')); // edited, still valid JSON
    writeFileSync(files[2]!, original[0]!); // another essay's entry in its place
    const second = await renderEssays(three, options);
    expect(second.stats).toMatchObject({ cached: 0, rendered: 3 });
    for (const { filePath } of three) expect(second.outcomes.get(filePath)).toEqual(first.outcomes.get(filePath));
    expect(files.map((file) => readFileSync(file, 'utf8'))).toEqual(original);
  }, 60_000);

  it('reports an essay that fails to render with its message, in a worker too', async () => {
    const broken = [...many, essay('broken', 'Cites [@nobody].')];
    for (const threads of [1, 2]) {
      const { outcomes } = await renderEssays(broken, { settings, fingerprint: 'a', workerFile, threads });
      const outcome = outcomes.get(broken.at(-1)!.filePath)!;
      expect(outcome.ok).toBe(false);
      expect(!outcome.ok && outcome.message).toMatch(/broken\.md:1:7 {2}\[@nobody\] cites "nobody"/);
      expect(outcomes.get(many[0]!.filePath)!.ok).toBe(true);
    }
  }, 120_000);

  it('tells onProgress what the cache held, then each essay it rendered', async () => {
    const cacheDir = tempDir();
    const options = { settings, fingerprint: 'a', workerFile, cacheDir, threads: 1 };
    await renderEssays(many.slice(0, 2), options);
    const updates: { total?: number; done?: number; cached?: number }[] = [];
    await renderEssays(many.slice(0, 5), { ...options, onProgress: (update) => updates.push(update) });
    expect(updates).toEqual([{ total: 5, done: 2, cached: 2 }, { done: 1 }, { done: 1 }, { done: 1 }]);
  }, 60_000);
});

describe('pipelineFingerprint', () => {
  it('changes with the code the renderer runs and the installed packages, not with content or pages', () => {
    const root = tempDir();
    cpSync(path.join(repoRoot, 'src'), path.join(root, 'src'), { recursive: true });
    mkdirSync(path.join(root, 'node_modules'));
    writeFileSync(path.join(root, 'node_modules', '.package-lock.json'), '{"packages":{"node_modules/remark-gfm":{"version":"4.0.1"}}}');
    const fingerprint = () => pipelineFingerprint(root, path.join(root, 'src'));

    const original = fingerprint();
    expect(fingerprint()).toBe(original);
    const unrelated = ['src/pages/archive.astro', 'src/og/card.ts', 'src/styles/global.css', 'src/layouts/PostLayout.astro'];
    mkdirSync(path.join(root, 'content', 'posts'), { recursive: true });
    writeFileSync(path.join(root, 'content', 'posts', 'new.md'), '# New\n');
    for (const file of unrelated) appendFileSync(path.join(root, file), '\n/* changed */\n');
    expect(fingerprint()).toBe(original);

    const seen = new Set([original]);
    const related = [
      'src/markdown/plugins/rehype-table-scroll-region.ts', // a plugin
      'src/essays/references.ts', // a library a plugin imports
      'src/site/urls.ts', // the base-path helper links go through
      'src/markdown/outline.ts', // the outline cached with the HTML
      'node_modules/.package-lock.json', // a package upgrade
    ];
    for (const file of related) {
      appendFileSync(path.join(root, file), '\n// changed\n');
      const next = fingerprint();
      expect(seen.has(next), file).toBe(false);
      seen.add(next);
    }
  });

  it('follows the renderer’s imports through the project', () => {
    const files = projectImports(path.join(repoRoot, 'src', 'markdown', 'render', 'essay-renderer.ts')).map((file) => path.relative(repoRoot, file));
    expect(files).toEqual(expect.arrayContaining(['src/markdown/pipeline.ts', 'src/markdown/plugins/remark-citations.ts', 'src/essays/references.ts', 'src/site/urls.ts']));
    // The base path reaches the pipeline as an option (in the renderer's settings, part of every cache key).
    expect(files).not.toContain('src/site.config.ts');
    expect(files.filter((file) => file.startsWith('src/pages') || file.startsWith('src/og/'))).toEqual([]);
  });
});
