import type { RehypePlugins, RemarkPlugins } from '@astrojs/markdown-remark';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeExternalLinks from 'rehype-external-links';
import rehypeSlug from 'rehype-slug';
import remarkGfm from 'remark-gfm';
import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import remarkFrontMatterLayoutIsData from './remark-front-matter-layout-is-data.ts';
import rehypeTableAlignment from './rehype-table-alignment.ts';
import rehypeTableRowHeaders from './rehype-table-row-headers.ts';
import rehypeTableScrollRegion from './rehype-table-scroll-region.ts';

/**
 * The one Markdown pipeline, used for `.md` and `.mdx` alike (astro.config.ts hands it to
 * `unified()`, which MDX inherits). Astro's built-in GFM is switched off there so that the
 * remark-gfm configured here is the one that runs.
 */
export const remarkPlugins: RemarkPlugins = [remarkGfm, remarkFrontMatterLayoutIsData];

export const rehypePlugins: RehypePlugins = [
  rehypeSlug,
  [
    rehypeAutolinkHeadings,
    {
      // After the heading, not inside it: the heading's text (and so the TOC) stays clean.
      behavior: 'after',
      group: () => ({ type: 'element', tagName: 'div', properties: { className: ['heading'] }, children: [] }),
      properties: { className: ['heading-anchor'] },
      content: (heading: Element) => [
        { type: 'element', tagName: 'span', properties: { ariaHidden: 'true' }, children: [{ type: 'text', value: '#' }] },
        {
          type: 'element',
          tagName: 'span',
          properties: { className: ['visually-hidden'] },
          children: [{ type: 'text', value: `Section titled “${toString(heading).trim()}”` }],
        },
      ],
      test: (heading: Element) => heading.properties.id !== 'footnote-label' && heading.tagName !== 'h1',
    },
  ],
  rehypeTableAlignment,
  rehypeTableRowHeaders,
  rehypeTableScrollRegion,
  [
    rehypeExternalLinks,
    {
      // Links open where the reader asked; only a link an author sent to a new tab gets rel.
      target: false,
      rel: (link: Element) => (link.properties.target === '_blank' ? ['noopener', 'noreferrer'] : []),
    },
  ],
];
