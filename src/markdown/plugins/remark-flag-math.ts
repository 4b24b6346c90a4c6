import type { Root } from 'mdast';
import { visit, EXIT } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * Sets `hasMath: true` in the post's remark front matter when the text contains `$…$` or
 * `$$…$$` (remark-math's nodes, so run this after remark-math). Astro hands it to the page as
 * `render(post).remarkPluginFrontmatter`, and the layout then links KaTeX's stylesheet and fonts
 * on that page only. Nothing is set on a page without math.
 */
export default function remarkFlagMath() {
  return (tree: Root, file: VFile) => {
    let hasMath = false;
    visit(tree, (node) => {
      if (node.type === 'math' || node.type === 'inlineMath') {
        hasMath = true;
        return EXIT;
      }
    });
    if (!hasMath) return;
    const data = file.data as { astro?: { frontmatter?: Record<string, unknown> } };
    data.astro ??= {};
    data.astro.frontmatter ??= {};
    data.astro.frontmatter.hasMath = true;
  };
}
