import { fileURLToPath, pathToFileURL } from 'node:url';
import { unified } from '@astrojs/markdown-remark';
import type { VFile } from 'vfile';
import { type Outline } from '../outline.ts';
import { parseRemarkPlugins, processorOptions, shikiConfig, type CitationSettings } from '../pipeline.ts';
import { findingsOf, type Finding } from '../findings.ts';
import { dependenciesOf, type Dependency } from '../dependencies.ts';
import remarkCollectOutline from '../plugins/remark-collect-outline.ts';

/**
 * The parts of Astro's resolved config that its Markdown renderer reads, as plain data (no
 * functions), so they can be handed to a worker thread. Shiki's transformers, which are
 * functions, come from src/markdown/shiki.ts on the rendering side.
 */
export interface RendererSettings {
  /** The site's base path, which links written from the site root get. */
  base: string;
  /** The site's citation style and bibliography files, as astro.config.ts gave them to the pipeline. */
  citations?: CitationSettings | undefined;
  image: unknown;
  syntaxHighlight: unknown;
  shikiConfig: Record<string, unknown>;
  gfm: boolean | undefined;
  smartypants: unknown;
}

/** One `.md` essay as Astro's glob loader hands it to a renderer. */
export interface EssayToRender {
  /** Absolute path of the file. */
  filePath: string;
  /** The body as Astro's Markdown entry type reads it (front matter removed, trimmed). */
  body: string;
  /** The front matter as Astro read it; plugins read `references` from it. */
  data: Record<string, unknown>;
}

/** What Astro's Markdown entry type would store for the essay, plus the checks' outline. */
export interface RenderedEssay {
  html: string;
  metadata: {
    headings: { depth: number; slug: string; text: string }[];
    localImagePaths: string[];
    remoteImagePaths: string[];
    imagePaths: string[];
    /** Only what the remark plugins added (such as `hasMath`), not the whole front matter again. */
    frontmatter: Record<string, unknown>;
  };
  /** Headings, links, images and ids of the body, lines counted from the body's first line. */
  outline: Outline;
  /** What the plugins reported (broken output, math they could not typeset), lines as the outline's. */
  findings: Finding[];
  /** The files besides the essay that its HTML was made from (a data table's CSV), as they were read. */
  dependencies: Dependency[];
}

export interface EssayRenderer {
  render(essay: EssayToRender): Promise<RenderedEssay>;
}

/** A render's result as it crosses threads: the essay, or the message of what went wrong. */
export type RenderOutcome =
  | {
      ok: true;
      rendered: RenderedEssay;
      /** The cache file holding it, when there is a cache (filled in by renderEssays). */
      storedAt?: string;
    }
  | { ok: false; message: string };

/** Renders one essay; a plugin's error (an unknown citation, say) becomes a failed outcome. */
export async function renderOutcome(renderer: Promise<EssayRenderer>, essay: EssayToRender): Promise<RenderOutcome> {
  try {
    return { ok: true, rendered: await (await renderer).render(essay) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Plain data from Astro's resolved config: what a worker thread can be given. `base` defaults to Astro's `/`. */
export function rendererSettings(config: { base?: string; image: unknown; markdown: Record<string, any> }): RendererSettings {
  const plain = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  const { transformers: _functions, ...shiki } = config.markdown.shikiConfig ?? {};
  return {
    base: config.base ?? '/',
    citations: citationSettingsOf(config.markdown.processor),
    image: plain(config.image),
    syntaxHighlight: plain(config.markdown.syntaxHighlight),
    shikiConfig: plain(shiki),
    gfm: config.markdown.gfm,
    smartypants: plain(config.markdown.smartypants),
  };
}

/**
 * The citation settings astro.config.ts handed the pipeline (src/markdown/pipeline.ts): the
 * options of remark-citations among the processor's remark plugins, which are plain data.
 */
function citationSettingsOf(processor: unknown): CitationSettings | undefined {
  const plugins = (processor as { options?: { remarkPlugins?: unknown[] } } | undefined)?.options?.remarkPlugins ?? [];
  const entry = plugins.find((plugin): plugin is [{ name: string }, CitationSettings] => Array.isArray(plugin) && (plugin[0] as { name?: string })?.name === 'remarkCitations');
  return entry && JSON.parse(JSON.stringify(entry[1]));
}

/**
 * The same renderer Astro builds for `.md` entries (src/markdown/pipeline.ts inside
 * `unified()`, created as Astro's Markdown entry type does), with one plugin, right after the parse
 * plugins, that reads the outline off the finished parse. One per thread: creating it loads Shiki's
 * grammars and every plugin, which is worth doing once, not once per essay.
 */
export async function createEssayRenderer(settings: RendererSettings): Promise<EssayRenderer> {
  // The outline is read right after the parse; the file's messages once every plugin has run.
  const outlines = new Map<string, { outline: Outline; file: VFile }>();
  const collect = (file: VFile, outline: Outline) => outlines.set(file.path, { outline, file });
  const pipeline = processorOptions({ base: settings.base, ...(settings.citations ? { citations: settings.citations } : {}) });
  const processor = await unified({
    ...pipeline,
    remarkPlugins: [
      ...parseRemarkPlugins,
      [remarkCollectOutline, { collect }],
      ...pipeline.remarkPlugins.slice(parseRemarkPlugins.length),
    ],
  }).createRenderer({
    image: settings.image,
    syntaxHighlight: settings.syntaxHighlight,
    shikiConfig: { ...settings.shikiConfig, transformers: shikiConfig.transformers },
    gfm: settings.gfm,
    smartypants: settings.smartypants,
  } as Parameters<ReturnType<typeof unified>['createRenderer']>[0]);

  return {
    async render({ filePath, body, data }) {
      const fileURL = pathToFileURL(filePath);
      const result = await processor.render(body, { frontmatter: { ...data }, fileURL });
      // VFile turns the URL back into a path: the same key as here.
      const key = fileURLToPath(fileURL);
      const collected = outlines.get(key);
      outlines.delete(key);
      if (!collected) throw new Error(`${filePath}: the outline was not collected`);
      const { localImagePaths, remoteImagePaths } = result.metadata;
      return {
        html: result.code,
        metadata: {
          headings: result.metadata.headings,
          localImagePaths,
          remoteImagePaths,
          imagePaths: [...localImagePaths, ...remoteImagePaths],
          frontmatter: addedByPlugins(result.metadata.frontmatter, data),
        },
        outline: collected.outline,
        findings: findingsOf(collected.file),
        dependencies: dependenciesOf(collected.file),
      };
    },
  };
}

function addedByPlugins(after: Record<string, unknown>, before: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(after).filter(([key, value]) => !(key in before) || before[key] !== value));
}
