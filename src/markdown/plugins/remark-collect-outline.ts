import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { outlineOfTree, type Outline } from '../outline.ts';

export interface CollectOutlineOptions {
  /** Receives each document's outline, read from the tree as parsed, before any plugin changes it. */
  collect: (file: VFile, outline: Outline) => void;
}

/**
 * Hands the content checks what they need (headings, links, images, ids) from the tree the
 * renderer has already parsed, so an essay is parsed once per build. Must come first among the
 * remark plugins: later ones rewrite the tree (citations become links, for one).
 */
export default function remarkCollectOutline({ collect }: CollectOutlineOptions) {
  return (tree: Root, file: VFile) => {
    collect(file, outlineOfTree(tree));
  };
}
