import type { ShikiConfig } from '@astrojs/markdown-remark';
import { transformerMetaHighlight, transformerNotationDiff, transformerNotationHighlight } from '@shikijs/transformers';
import { transformerCodeFrame } from './plugins/shiki-transformer-code-frame.ts';
import { transformerNoTimeLimit } from './plugins/shiki-transformer-no-time-limit.ts';

/**
 * Code highlighting for `.md` and `.mdx`, at build time. Both themes are written as CSS
 * variables with no default colour, so the stylesheet picks one per colour scheme.
 *
 * - ```` ```ts {1,3-5} ```` highlights lines 1 and 3 to 5;
 * - `// [!code ++]`, `// [!code --]` at the end of a line mark it added or removed, and
 *   `// [!code highlight]` highlights it (the comment itself is not shown);
 * - ```` ```ts title="config.ts" ```` gives the block a title bar.
 */
export const shikiConfig = {
  // The "-default" GitHub themes: every token colour meets WCAG AA (4.5:1) on its background;
  // the older github-light orange and github-dark comments do not.
  themes: { light: 'github-light-default', dark: 'github-dark-default' },
  defaultColor: false,
  transformers: [
    // First: it sets how the code is tokenised, before any other transformer sees tokens.
    transformerNoTimeLimit(),
    transformerMetaHighlight(),
    transformerNotationHighlight(),
    transformerNotationDiff(),
    transformerCodeFrame(),
  ],
} satisfies ShikiConfig;
