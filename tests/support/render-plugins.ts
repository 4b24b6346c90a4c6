import { createMarkdownProcessor, type RehypePlugins, type RemarkPlugins } from '@astrojs/markdown-remark';
import { parseFragment } from 'parse5';
import remarkGfm from 'remark-gfm';
import type { Element } from '../../scripts/audit/html.ts';

export interface RenderOptions {
  /** Front matter, as Astro hands it to plugins (`file.data.astro.frontmatter`). */
  frontmatter?: Record<string, unknown>;
  /** The file being rendered, for plugins that report positions in it. */
  fileURL?: URL;
}

/**
 * Renders Markdown with GFM and just the given plugins, inside Astro's unified processor, so a
 * plugin's unit test sees its own transformation: Markdown in, HTML out.
 */
export async function renderWithPlugins(
  plugins: { remarkPlugins?: RemarkPlugins; rehypePlugins?: RehypePlugins },
  markdown: string,
  options: RenderOptions = {},
) {
  const processor = await createMarkdownProcessor({
    remarkPlugins: [remarkGfm, ...(plugins.remarkPlugins ?? [])],
    rehypePlugins: plugins.rehypePlugins ?? [],
    gfm: false,
    smartypants: false,
    syntaxHighlight: false,
  });
  const result = await processor.render(markdown, options);
  return { html: result.code, fragment: parseFragment(result.code) as unknown as Element, headings: result.metadata.headings };
}
