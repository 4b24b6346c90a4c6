import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { parseFragment } from 'parse5';
import { processorOptions, shikiConfig } from '../../src/markdown/pipeline.ts';
import { site } from '../../src/site.config.ts';
import type { Element } from '../../scripts/audit/html.ts';

/** The options astro.config.ts uses, imported rather than restated. */
const processor = createMarkdownProcessor({ ...processorOptions({ base: site.base }), shikiConfig });

/** Renders Markdown through Quire's pipeline inside Astro's unified processor, as a build does. */
export async function renderMarkdown(markdown: string, options?: { frontmatter?: Record<string, unknown>; fileURL?: URL }) {
  const result = await (await processor).render(markdown, options);
  const fragment = parseFragment(result.code) as unknown as Element;
  return { html: result.code, fragment, headings: result.metadata.headings, frontmatter: result.metadata.frontmatter };
}
