import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { parseFragment } from 'parse5';
import { rehypePlugins, remarkPlugins } from '../../src/markdown/pipeline.ts';
import type { Element } from './html.ts';

const processor = createMarkdownProcessor({
  remarkPlugins,
  rehypePlugins,
  gfm: false,
  smartypants: false,
  shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' }, defaultColor: false },
});

/** Renders Markdown through Quire's pipeline inside Astro's unified processor, as a build does. */
export async function renderMarkdown(markdown: string) {
  const result = await (await processor).render(markdown);
  const fragment = parseFragment(result.code) as unknown as Element;
  return { html: result.code, fragment, headings: result.metadata.headings };
}
