import { describe, expect, it } from 'vitest';
import { demoteHeadings } from '../../scripts/jekyll/headings.ts';
import { removeStyleBlocks } from '../../scripts/jekyll/html-blocks.ts';
import { mathLoadingIn } from '../../scripts/jekyll/math.ts';
import { alignLines, chainLineMaps } from '../../scripts/jekyll/source-lines.ts';

describe('lines of the original file', () => {
  const lines = (before: string, after: string) => {
    const map = alignLines(before, after);
    return after.split('\n').map((_line, index) => map(index + 1));
  };

  it('follow text that was expanded, rewritten or removed', () => {
    expect(lines('a\n{% include x %}\nb', 'a\n<p>1</p>\n<p>2</p>\nb')).toEqual([1, 2, 2, 3]);
    expect(lines('a\n\n![i](x)\n{: .c}\n\nb', 'a\n\n\n<figure>\n<img>\n</figure>\n\n\nb')).toEqual([1, 2, 3, 3, 3, 3, 3, 5, 6]);
    expect(lines('a\nold\nb', 'a\nnew\nb')).toEqual([1, 2, 3]);
    expect(lines('a\n<style>\np {}\n</style>\nb', 'a\nb')).toEqual([1, 5]);
  });

  it('chain through several steps', () => {
    const first = alignLines('x\ny\nz', 'x\nz');
    const second = alignLines('x\nz', 'w\nx\nz');
    expect(chainLineMaps(first, second)(3)).toBe(3);
  });
});

describe('a post’s <style> blocks', () => {
  it('are removed and reported with their line and selectors; code keeps them', () => {
    expect(removeStyleBlocks('Intro\n<style>\np { text-align: justify; }\n.post h1 { font-size: 3em }\n</style>\nText\n```html\n<style>a{}</style>\n```')).toEqual({
      body: 'Intro\nText\n```html\n<style>a{}</style>\n```',
      warnings: [{ line: 2, message: 'removed a <style> block (p, .post h1): on Quire it would restyle the whole site, not just this post' }],
    });
  });
});

describe('a post whose sections are # headings', () => {
  it('has every heading moved down one level, said once at the first h1', () => {
    expect(demoteHeadings('Intro\n\n# One\n\n## Sub\n\n###### Six\n\n```\n# a comment\n```\n\nTwo\n===\n')).toEqual({
      body: 'Intro\n\n## One\n\n### Sub\n\n###### Six\n\n```\n# a comment\n```\n\n## Two\n',
      warnings: [{ line: 3, message: 'the sections are `#` headings (h1), but the essay title is the page’s only h1: every heading was moved down one level' }],
    });
  });

  it('is left alone when it has no h1 (a # in code does not count)', () => {
    const markdown = '## One\n\n```python\n# comment\n```\n\nText\n---\n';
    expect(demoteHeadings(markdown)).toEqual({ body: markdown, warnings: [] });
  });
});

describe('how a site loads MathJax', () => {
  it('only for posts that ask, from a page switch in a layout', () => {
    expect(mathLoadingIn(['{% if page.mathjax %}\n<script src="//cdn.mathjax.org/MathJax.js"></script>\n{% endif %}'])).toEqual({ kind: 'per-post', fields: ['mathjax'] });
    expect(mathLoadingIn(['{% if page.usemathjax or page.math %}{% include katex.html %}{% endif %}'])).toEqual({ kind: 'per-post', fields: ['usemathjax', 'math'] });
  });

  it('on every page, or not at all', () => {
    expect(mathLoadingIn(['<script src="https://cdn/mathjax/2.7.0/MathJax.js?config=TeX"></script>', '{% if page.mathjax %}<script src="MathJax.js"></script>{% endif %}'])).toEqual({ kind: 'always' });
    expect(mathLoadingIn(['<head><title>{{ page.title }}</title></head>'])).toEqual({ kind: 'none' });
  });
});
