import { describe, expect, it } from 'vitest';
import { buildTocTree, countTocItems, tocRange, type Heading } from '../../src/essays/toc.ts';

const h = (depth: number, slug: string, text = slug): Heading => ({ depth, slug, text });
const shape = (items: ReturnType<typeof buildTocTree>): unknown =>
  items.map((item) => (item.children.length ? [item.slug, shape(item.children)] : item.slug));

describe('buildTocTree', () => {
  it('nests h3 under the h2 before it', () => {
    const tree = buildTocTree([h(2, 'a'), h(3, 'a1'), h(3, 'a2'), h(2, 'b')], { minDepth: 2, maxDepth: 3 });
    expect(shape(tree)).toEqual([['a', ['a1', 'a2']], 'b']);
  });

  it('keeps only headings in range', () => {
    const tree = buildTocTree([h(1, 'title'), h(2, 'a'), h(3, 'a1'), h(4, 'deep'), h(2, 'b')], { minDepth: 2, maxDepth: 3 });
    expect(shape(tree)).toEqual([['a', ['a1']], 'b']);
  });

  it('nests a heading that skips a level under the nearest shallower one', () => {
    const tree = buildTocTree([h(2, 'a'), h(4, 'a-deep'), h(3, 'a1'), h(2, 'b')], { minDepth: 2, maxDepth: 4 });
    expect(shape(tree)).toEqual([['a', ['a-deep', 'a1']], 'b']);
  });

  it('puts a leading deeper heading at the top level rather than dropping it', () => {
    const tree = buildTocTree([h(3, 'intro'), h(2, 'a')], { minDepth: 2, maxDepth: 3 });
    expect(shape(tree)).toEqual(['intro', 'a']);
  });

  it('keeps duplicate titles apart by their slugs', () => {
    const tree = buildTocTree([h(2, 'notes', 'Notes'), h(2, 'notes-1', 'Notes')], { minDepth: 2, maxDepth: 3 });
    expect(tree.map((i) => i.slug)).toEqual(['notes', 'notes-1']);
    expect(tree.map((i) => i.text)).toEqual(['Notes', 'Notes']);
  });

  it('keeps inline code text as written', () => {
    const tree = buildTocTree([h(2, 'the-render-function', 'The render() function')], { minDepth: 2, maxDepth: 3 });
    expect(tree[0]?.text).toBe('The render() function');
  });

  it('leaves out the visually hidden "Footnotes" heading GFM adds', () => {
    const tree = buildTocTree([h(2, 'a'), h(2, 'footnote-label', 'Footnotes')], { minDepth: 2, maxDepth: 3 });
    expect(shape(tree)).toEqual(['a']);
  });

  it('counts every entry', () => {
    expect(countTocItems(buildTocTree([h(2, 'a'), h(3, 'b'), h(3, 'c'), h(2, 'd')], { minDepth: 2, maxDepth: 3 }))).toBe(4);
  });
});

describe('tocRange', () => {
  it('takes the two highest levels an essay uses by default', () => {
    expect(tocRange([h(2, 'a'), h(3, 'b'), h(4, 'c')], 'auto')).toEqual({ minDepth: 2, maxDepth: 3 });
    expect(tocRange([h(4, 'a'), h(5, 'b'), h(4, 'c')], 'auto')).toEqual({ minDepth: 4, maxDepth: 5 });
    expect(tocRange([h(3, 'a'), h(3, 'b')], 'auto')).toEqual({ minDepth: 3, maxDepth: 3 });
  });

  it('does not count the Footnotes heading as a level the essay uses', () => {
    expect(tocRange([h(4, 'a'), h(2, 'footnote-label', 'Footnotes')], 'auto')).toEqual({ minDepth: 4, maxDepth: 4 });
  });

  it('keeps a range the author chose', () => {
    expect(tocRange([h(4, 'a')], { minDepth: 2, maxDepth: 3 })).toEqual({ minDepth: 2, maxDepth: 3 });
  });
});
