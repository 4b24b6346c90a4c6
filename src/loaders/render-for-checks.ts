import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { compile } from '@mdx-js/mdx';
import type { PluggableList } from 'unified';
import { VFile } from 'vfile';
import type { RendererSettings, RenderOutcome } from '../markdown/render/essay-renderer.ts';
import { findingsOf, shiftFindings, type Finding } from '../markdown/findings.ts';
import { processorOptions } from '../markdown/pipeline.ts';
import { lineAt } from '../markdown/source-location.ts';
import { pipelineFingerprint, renderEssays } from '../markdown/render/render-essays.ts';
import { shiftOutline, type Outline } from '../markdown/outline.ts';
import type { Problem } from '../diagnostics.ts';
import { siteCitations } from '../site.config.ts';
import type { PostFile } from '../validation/validate-posts.ts';

/** Where the posts loader keeps rendered essays and the settings it rendered them with. */
export const renderCacheDir = (root: string) => path.join(root, 'node_modules', '.astro', 'quire-rendered');
const settingsFile = (root: string) => path.join(renderCacheDir(root), 'settings.json');

/**
 * The posts loader records Astro's resolved Markdown settings here, so that `npm run check`
 * renders with the same ones and shares the build's render cache.
 */
export function recordRendererSettings(root: string, settings: RendererSettings): void {
  mkdirSync(renderCacheDir(root), { recursive: true });
  writeFileSync(settingsFile(root), JSON.stringify(settings));
}

/**
 * What a build would use: the recorded settings, or Astro's defaults before any build; with the
 * base path this run is configured for, which may differ from the last build's.
 */
function rendererSettingsFor(root: string, base: string): RendererSettings {
  const citations = siteCitations(root);
  try {
    if (existsSync(settingsFile(root))) return { ...(JSON.parse(readFileSync(settingsFile(root), 'utf8')) as RendererSettings), base, citations };
  } catch {
    // Unreadable: render with the defaults (the cache key differs; the findings do not).
  }
  return { base, citations, image: { layout: 'constrained' }, syntaxHighlight: 'shiki', shikiConfig: {}, gfm: false, smartypants: false };
}

/**
 * Renders every `.md` post as the build does (src/markdown/render/render-essays.ts, from the same
 * cache), for `npm run check`: the outline and the broken-output findings of each, with the
 * lines of its file, and a problem for each essay that failed to render.
 */
export async function renderForChecks(root: string, files: readonly PostFile[], { base }: { base: string }) {
  const essays = files.flatMap((post) => {
    if (!post.file.endsWith('.md')) return [];
    try {
      // As Astro's Markdown entry type reads a file (astro/dist/vite-plugin-markdown).
      const parsed = parseFrontmatter(post.text, { frontmatter: 'empty-with-spaces' });
      const body = parsed.content.trim();
      const firstLine = lineAt(post.text, post.text.indexOf(body));
      return [{ filePath: path.join(root, post.file), body, data: parsed.frontmatter, file: post.file, firstLine }];
    } catch {
      return []; // Front matter that does not parse: the checks report it.
    }
  });
  const { outcomes } = await renderEssays(essays, {
    settings: rendererSettingsFor(root, base),
    cacheDir: renderCacheDir(root),
    fingerprint: pipelineFingerprint(root, path.join(root, 'src')),
    workerFile: path.join(root, 'src', 'markdown', 'render', 'render-worker.ts'),
  });
  const { outlines, findings, failures } = checksOfRenders(essays, outcomes);
  for (const post of files) {
    if (!post.file.endsWith('.mdx')) continue;
    const checked = await checkMdx(root, post, base);
    if (checked.failure) failures.push(checked.failure);
    findings.set(post.file, checked.findings);
  }
  return { outlines, findings, failures };
}

/**
 * What the checks take from rendered essays, by file and with the lines of the file (the
 * renderer counts from the body's first line): each outline, each essay's findings, and a
 * problem for each essay that failed to render. The posts loader and `npm run check` alike.
 */
export function checksOfRenders(
  essays: readonly { filePath: string; file: string; firstLine: number }[],
  outcomes: ReadonlyMap<string, RenderOutcome>,
): { outlines: Map<string, Outline>; findings: Map<string, Finding[]>; failures: Problem[] } {
  const outlines = new Map<string, Outline>();
  const findings = new Map<string, Finding[]>();
  const failures: Problem[] = [];
  for (const essay of essays) {
    const outcome = outcomes.get(essay.filePath);
    if (!outcome) continue;
    if (!outcome.ok) {
      failures.push(renderFailureProblem(essay.file, outcome.message));
      continue;
    }
    outlines.set(essay.file, shiftOutline(outcome.rendered.outline, essay.firstLine - 1));
    findings.set(essay.file, shiftFindings(outcome.rendered.findings, essay.firstLine - 1));
  }
  return { outlines, findings, failures };
}

/**
 * An MDX essay compiled through the site's pipeline (as Astro's MDX integration compiles it,
 * without Shiki), for the messages its plugins leave: `npm run check` reports MDX essays'
 * broken output and unsafe URLs as the build refuses them.
 */
async function checkMdx(root: string, post: PostFile, base: string): Promise<{ findings: Finding[]; failure?: Problem }> {
  let parsed;
  try {
    parsed = parseFrontmatter(post.text, { frontmatter: 'empty-with-spaces' });
  } catch {
    return { findings: [] }; // Front matter that does not parse: the checks report it.
  }
  const body = parsed.content;
  const firstLine = lineAt(post.text, post.text.indexOf(body));
  const file = new VFile({ value: body, path: path.join(root, post.file), data: { astro: { frontmatter: parsed.frontmatter } } });
  try {
    const { remarkPlugins, rehypePlugins } = processorOptions({ base, citations: siteCitations(root) });
    await compile(file, { remarkPlugins: remarkPlugins as PluggableList, rehypePlugins: rehypePlugins as PluggableList });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const place = (error as { line?: number; column?: number }).line
      ? `${post.file}:${(error as { line: number }).line + firstLine - 1}:${(error as { column?: number }).column ?? 1}  `
      : '';
    return { findings: shiftFindings(findingsOf(file), firstLine - 1), failure: renderFailureProblem(post.file, `${place}${reason}`) };
  }
  return { findings: shiftFindings(findingsOf(file), firstLine - 1) };
}

/** An essay that failed to render (a plugin threw), as a problem; Quire's plugins start their messages with `file:line:column`. */
export function renderFailureProblem(file: string, message: string): Problem {
  // Astro's Markdown processor puts `Failed to parse Markdown file "<absolute path>":` before a plugin's message.
  const located = /^(?:Failed to parse Markdown file "[^"]*":\n)?\S+?:(\d+):(\d+)\s+([\s\S]*)$/.exec(message);
  return {
    file,
    line: located ? Number(located[1]) : 1,
    column: located ? Number(located[2]) : 1,
    severity: 'error',
    message: (located ? located[3]! : message).trim(),
  };
}
