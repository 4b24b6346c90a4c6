import type { RehypePlugins, RemarkPlugins } from '@astrojs/markdown-remark';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeExternalLinks from 'rehype-external-links';
import { rehypeGithubAlerts } from 'rehype-github-alerts';
import rehypeSlug from 'rehype-slug';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import { githubAlertCallouts } from './plugins/github-alert-callouts.ts';
import rehypeDisplayMathScrollRegion from './plugins/rehype-display-math-scroll-region.ts';
import rehypeFigureCaptions from './plugins/rehype-figure-captions.ts';
import rehypeHeadingMathAsMathml from './plugins/rehype-heading-math-as-mathml.ts';
import remarkFlagMath from './plugins/remark-flag-math.ts';
import remarkFrontMatterLayoutIsData from './plugins/remark-front-matter-layout-is-data.ts';
import remarkMathPandocDollars from './plugins/remark-math-pandoc-dollars.ts';
import remarkMathMathjaxDelimiters from './plugins/remark-math-mathjax-delimiters.ts';
import remarkDisplayMathFences from './plugins/remark-display-math-fences.ts';
import remarkDisplayMathParagraphs from './plugins/remark-display-math-paragraphs.ts';
import remarkMarkdownInHtmlBlocks from './plugins/remark-markdown-in-html-blocks.ts';
import remarkMarkdownAfterInlineHtml from './plugins/remark-markdown-after-inline-html.ts';
import remarkMathOff from './plugins/remark-math-off.ts';
import remarkCitations, { type RemarkCitationsOptions } from './plugins/remark-citations.ts';
import remarkDataTables from './plugins/remark-data-tables.ts';
import remarkCrossReferenceLinks from './plugins/remark-cross-reference-links.ts';
import remarkCrossReferenceNumbers from './plugins/remark-cross-reference-numbers.ts';
import remarkEquationLabels from './plugins/remark-equation-labels.ts';
import remarkFigureLabels from './plugins/remark-figure-labels.ts';
import remarkHeadingAttributes from './plugins/remark-heading-attributes.ts';
import remarkTableCaptions from './plugins/remark-table-captions.ts';
import rehypeSectionNumbers from './plugins/rehype-section-numbers.ts';
import rehypeTableCaptions from './plugins/rehype-table-captions.ts';
import rehypeAnchorNamesAsIds from './plugins/rehype-anchor-names-as-ids.ts';
import rehypePromoteHeadings from './plugins/rehype-promote-headings.ts';
import rehypeReferenceList from './plugins/rehype-reference-list.ts';
import rehypeRenderMath from './plugins/rehype-render-math.ts';
import rehypeSidenotes from './plugins/rehype-sidenotes.ts';
import rehypeCrossReferencePreviews from './plugins/rehype-cross-reference-previews.ts';
import rehypeFootnotePreviews from './plugins/rehype-footnote-previews.ts';
import rehypeTableAlignment from './plugins/rehype-table-alignment.ts';
import rehypeTableRowHeaders from './plugins/rehype-table-row-headers.ts';
import rehypeTableScrollRegion from './plugins/rehype-table-scroll-region.ts';
import rehypeBasePathLinks from './plugins/rehype-base-path-links.ts';
import rehypeCheckOutput from './plugins/rehype-check-output.ts';
import { shikiConfig } from './shiki.ts';

/**
 * Plugins that finish the parse: syntax extensions, and rewrites that put right what CommonMark
 * parsed differently from what the author's old engine (kramdown, MathJax) meant. They run before
 * anything reads the tree (the essay renderer reads its outline right after them).
 */
export const parseRemarkPlugins: RemarkPlugins = [
  remarkGfm,
  remarkMath,
  // `\(…\)`, `\[…\]` and kramdown's `\\(…\\)`, `\\[…\\]`, as MathJax read them.
  remarkMathMathjaxDelimiters,
  // `$$` display math as kramdown reads it: inside paragraphs and lists, closed by `$$<br/>`.
  remarkDisplayMathFences,
  // HTML blocks: `markdown="1"` content is Markdown; Markdown after a lone tag line is Markdown.
  remarkMarkdownInHtmlBlocks,
  remarkMarkdownAfterInlineHtml,
  // Pandoc's attribute blocks: `## Title {#sec-x}`, `![Caption](x.png){#fig-x}`, a table's
  // `: Caption {#tbl-x}`. Before the outline is read, so the TOC and the checks see the ids
  // and not the `{…}`; before the math rewrites below, which then see a figure's caption too.
  remarkHeadingAttributes,
  remarkFigureLabels,
  remarkTableCaptions,
  remarkMathPandocDollars,
  // `$$…$$` alone in a paragraph is displayed.
  remarkDisplayMathParagraphs,
  // `math: false` puts every formula back as the text it was: after every plugin that makes math.
  remarkMathOff,
  // Last: `$$ {#eq-x}` labels what is still a display formula after `math: false`.
  remarkEquationLabels,
];

/** What the pipeline needs from the site's configuration, handed in by whoever builds it. */
export interface PipelineOptions {
  /** The site's base path, `/` or `/blog/` (Astro's resolved `base`). */
  base: string;
  /** The site's citation style and bibliography files (absolute paths); see `siteCitations` in src/site.config.ts. */
  citations?: CitationSettings;
}

export type CitationSettings = Required<Pick<RemarkCitationsOptions, 'style' | 'bibliography'>>;

const remarkPlugins = ({ citations }: PipelineOptions): RemarkPlugins => [
  ...parseRemarkPlugins,
  remarkFlagMath,
  remarkFrontMatterLayoutIsData,
  // Numbers the labelled figures, tables, equations and sections, then links `@fig-x` to them;
  // before remark-citations, so that `[@fig-x]` is a cross-reference, not an unknown citation.
  remarkCrossReferenceNumbers,
  remarkCrossReferenceLinks,
  // Its options are plain data, which the essay renderer reads back out of Astro's config
  // (citationSettingsOf in src/markdown/render/essay-renderer.ts).
  [remarkCitations, { ...citations }],
  // ```table src="./results.csv" and <DataTable>: a table from a data file beside the essay.
  remarkDataTables,
];

function rehypePlugins({ base }: PipelineOptions): RehypePlugins {
  return [
    // First: every plugin after it, and the table of contents, see the levels the page will have.
    rehypePromoteHeadings,
    // Before rehype-slug: the generated References heading gets an id, a self-link and a TOC entry.
    rehypeReferenceList,
    rehypeSidenotes,
    rehypeSlug,
    // After the heading ids: an anchor named like the heading it stands before is that heading.
    rehypeAnchorNamesAsIds,
    [
      rehypeAutolinkHeadings,
      {
        // After the heading, not inside it: the heading's text (and so the TOC) stays clean.
        behavior: 'after',
        group: () => ({ type: 'element', tagName: 'div', properties: { className: ['heading'] }, children: [] }),
        properties: { className: ['heading-anchor'], dataPagefindIgnore: '' },
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
    // After the ids and the self-links: "2.1" goes before a heading's text, not into its slug.
    rehypeSectionNumbers,
    // After the heading ids, so `## The $O(n)$ bound` is slugged from its TeX, not KaTeX's output.
    // KaTeX (MathJax for what KaTeX cannot do) writes MathML, read by screen readers, beside its
    // visual output, which is aria-hidden.
    rehypeRenderMath,
    rehypeDisplayMathScrollRegion,
    rehypeHeadingMathAsMathml,
    [rehypeGithubAlerts, githubAlertCallouts],
    rehypeFigureCaptions,
    // Before the other table plugins: a table's `: Caption` is inside it when they look.
    rehypeTableCaptions,
    rehypeTableAlignment,
    rehypeTableRowHeaders,
    rehypeTableScrollRegion,
    // Previews of what a cross-reference or a footnote reference leads to, copied from the
    // finished element: after the math is typeset, the captions are in place and the sections
    // numbered (and after rehype-sidenotes, whose wide-screen notes the stylesheet weighs).
    rehypeCrossReferencePreviews,
    rehypeFootnotePreviews,
    [
      rehypeExternalLinks,
      {
        // Links open where the reader asked; only a link an author sent to a new tab gets rel.
        target: false,
        rel: (link: Element) => (link.properties.target === '_blank' ? ['noopener', 'noreferrer'] : []),
      },
    ],
    // Links written from the site root (`/posts/x/`, `/assets/x.png`) follow a `/blog/` base path.
    [rehypeBasePathLinks, { base }],
    // Last: looks at what the reader will get, after every other plugin has had its turn.
    rehypeCheckOutput,
  ];
}

/**
 * The one Markdown pipeline, used for `.md` and `.mdx` alike: everything astro.config.ts hands to
 * Astro's Markdown processor (`unified()`, which MDX inherits), in one place, so the site, the
 * essay renderer and the unit tests' renderer (tests/support/render-markdown.ts) cannot drift
 * apart. Astro's own GFM is off so that the remark-gfm above is the one that runs; smart quotes
 * are off because an essay is published exactly as its author typed it.
 */
export function processorOptions(options: PipelineOptions) {
  return { remarkPlugins: remarkPlugins(options), rehypePlugins: rehypePlugins(options), gfm: false, smartypants: false };
}

export { shikiConfig };
