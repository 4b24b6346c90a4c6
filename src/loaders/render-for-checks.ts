import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { RendererSettings } from '../markdown/essay-renderer.ts';
import { shiftFindings, type Finding } from '../markdown/findings.ts';
import { pipelineFingerprint, renderEssays } from '../markdown/render-essays.ts';
import { shiftOutline, type Outline } from '../validation/outline.ts';
import type { Problem } from '../validation/problems.ts';
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

/** What a build would use: the recorded settings, or Astro's defaults before any build. */
function rendererSettingsFor(root: string): RendererSettings {
  try {
    if (existsSync(settingsFile(root))) return JSON.parse(readFileSync(settingsFile(root), 'utf8')) as RendererSettings;
  } catch {
    // Unreadable: render with the defaults (the cache key differs; the findings do not).
  }
  return { image: { layout: 'constrained' }, syntaxHighlight: 'shiki', shikiConfig: {}, gfm: false, smartypants: false };
}

/**
 * Renders every `.md` post as the build does (src/markdown/render-essays.ts, from the same
 * cache), for `npm run check`: the outline and the broken-output findings of each, with the
 * lines of its file, and a problem for each essay that failed to render.
 */
export async function renderForChecks(root: string, files: readonly PostFile[]) {
  const essays = files.flatMap((post) => {
    if (!post.file.endsWith('.md')) return [];
    try {
      // As Astro's Markdown entry type reads a file (astro/dist/vite-plugin-markdown).
      const parsed = parseFrontmatter(post.text, { frontmatter: 'empty-with-spaces' });
      const body = parsed.content.trim();
      const firstLine = post.text.slice(0, Math.max(0, post.text.indexOf(body))).split(/\r\n|\r|\n/).length;
      return [{ filePath: path.join(root, post.file), body, data: parsed.frontmatter, file: post.file, firstLine }];
    } catch {
      return []; // Front matter that does not parse: the checks report it.
    }
  });
  const { outcomes } = await renderEssays(essays, {
    settings: rendererSettingsFor(root),
    cacheDir: renderCacheDir(root),
    fingerprint: pipelineFingerprint(root, path.join(root, 'src')),
    workerFile: path.join(root, 'src', 'markdown', 'render-worker.ts'),
  });
  const outlines = new Map<string, Outline>();
  const findings = new Map<string, Finding[]>();
  const failures: Problem[] = [];
  for (const essay of essays) {
    const outcome = outcomes.get(essay.filePath);
    if (!outcome) continue;
    if (outcome.ok) {
      outlines.set(essay.file, shiftOutline(outcome.rendered.outline, essay.firstLine - 1));
      findings.set(essay.file, shiftFindings(outcome.rendered.findings, essay.firstLine - 1));
      continue;
    }
    failures.push(renderFailureProblem(essay.file, outcome.message));
  }
  return { outlines, findings, failures };
}

/** An essay that failed to render (a plugin threw), as a problem; Quire's plugins start their messages with `file:line:column`. */
export function renderFailureProblem(file: string, message: string): Problem {
  const located = /^\S+?:(\d+):(\d+)\s+([\s\S]*)$/.exec(message);
  return {
    file,
    line: located ? Number(located[1]) : 1,
    column: located ? Number(located[2]) : 1,
    severity: 'error',
    message: (located ? located[3]! : message).trim(),
  };
}
