import type { Root } from 'mdast';
import type { VFile } from 'vfile';

/**
 * In MDX, Astro turns a `layout` front-matter key into `import Layout from "<layout>"`.
 * Jekyll posts say `layout: post`, which would then fail as an import. In Quire, `layout` is
 * data that names one of our layouts (validated by the schema), so hide it from that import.
 * The content loader reads front matter on its own, so the schema still sees the value.
 */
export default function remarkFrontMatterLayoutIsData() {
  return (_tree: Root, file: VFile) => {
    const frontmatter = (file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro
      ?.frontmatter;
    if (frontmatter && 'layout' in frontmatter) delete frontmatter.layout;
  };
}
