import { describe, expect, it } from 'vitest';
import { buildComparisonTable } from '../../src/essays/elements.ts';
import { tableRegionLabel } from '../../src/essays/elements.ts';
import { isPandocMath } from '../../src/markdown/plugins/remark-math-pandoc-dollars.ts';
import { codeTitle } from '../../src/markdown/plugins/shiki-transformer-code-frame.ts';
import { all, attr, byTag, closest, hasClass, textOf, type Element } from '../../scripts/audit/html.ts';
import { renderMarkdown } from '../support/render-markdown.ts';

const byClass = (root: Element, className: string) => all(root, (el) => hasClass(el, className));

describe('math', () => {
  it('typesets $inline$ math as MathML for screen readers beside aria-hidden visual HTML', async () => {
    const { fragment } = await renderMarkdown('Energy: $E = mc^2$.\n');
    const [katex] = byClass(fragment, 'katex');
    expect(closest(katex!, (el) => el.tagName === 'p')).toBeDefined();
    expect(byTag(byClass(katex!, 'katex-mathml')[0]!, 'math')).toHaveLength(1);
    expect(textOf(byTag(katex!, 'annotation')[0]!)).toBe('E = mc^2');
    expect(attr(byClass(katex!, 'katex-html')[0]!, 'aria-hidden')).toBe('true');
  });

  it('typesets $$display$$ math as a block', async () => {
    const { fragment } = await renderMarkdown('$$\n\\frac{a}{b}\n$$\n');
    const [display] = byClass(fragment, 'katex-display');
    expect(attr(byTag(display!, 'math')[0]!, 'display')).toBe('block');
    expect(byTag(fragment, 'pre')).toHaveLength(0);
  });

  it('makes a display equation a named, focusable box, so a wide one can be scrolled from the keyboard', async () => {
    const { fragment } = await renderMarkdown('$$\nx^2\n$$\n\nInline $y$ too.\n');
    const [display] = byClass(fragment, 'katex-display');
    expect([attr(display!, 'tabindex'), attr(display!, 'role'), attr(display!, 'aria-label')]).toEqual(['0', 'group', 'Equation']);
    expect(all(fragment, (el) => attr(el, 'tabindex') !== undefined)).toHaveLength(1);
  });

  it('flags a text with math in the remark front matter, and a text without none', async () => {
    expect((await renderMarkdown('Inline $x$.\n')).frontmatter).toMatchObject({ hasMath: true });
    expect((await renderMarkdown('$$\nx\n$$\n')).frontmatter).toMatchObject({ hasMath: true });
    expect((await renderMarkdown('No math, `$x$` in code.\n')).frontmatter).not.toHaveProperty('hasMath');
  });

  it('reads dollar amounts as text, as Pandoc does', async () => {
    for (const text of ['Prices are $5 and $10.', 'From $ 5 to $6.', 'A $ sign and $another$ one']) {
      const { fragment, frontmatter } = await renderMarkdown(`${text}\n`);
      expect(byClass(fragment, 'katex'), text).toHaveLength(0);
      expect(textOf(fragment).trim()).toBe(text);
      expect(frontmatter).not.toHaveProperty('hasMath');
    }
    const { fragment } = await renderMarkdown('Costs \\$5, while $x$ is math.\n');
    expect(byTag(fragment, 'annotation').map(textOf)).toEqual(['x']);
  });

  it('keeps Pandoc’s rule for where $…$ may open and close', () => {
    expect(isPandocMath('$x$', ' ')).toBe(true);
    expect(isPandocMath('$x + y$', undefined)).toBe(true);
    expect(isPandocMath('$5 and $', '1')).toBe(false);
    expect(isPandocMath('$ x$', '.')).toBe(false);
    expect(isPandocMath('$x$', '5')).toBe(false);
    expect(isPandocMath('$$', ' ')).toBe(false);
  });

  it('in a heading, is slugged from its TeX and listed once in the table of contents', async () => {
    const { headings, fragment } = await renderMarkdown('## The $O(n)$ bound\n');
    expect(headings).toEqual([{ depth: 2, slug: 'the-on-bound', text: 'The O(n) bound' }]);
    const [heading] = byTag(fragment, 'h2');
    expect(byTag(heading!, 'math')).toHaveLength(1);
    expect(byClass(heading!, 'katex')).toHaveLength(0);
    expect(byTag(heading!, 'annotation')).toHaveLength(0);
    expect(textOf(heading!)).toBe('The O(n) bound');
  });
});

describe('figures', () => {
  it('turn an image with a title, alone in its paragraph, into a captioned figure', async () => {
    const { fragment } = await renderMarkdown('![A chart](./chart.png "Sales by year")\n');
    const [figure] = byTag(fragment, 'figure');
    expect(attr(figure!, 'class')).toBe('figure');
    const [img] = byTag(figure!, 'img');
    expect(attr(img!, 'alt')).toBe('A chart');
    expect(attr(img!, 'title')).toBeUndefined();
    expect(byTag(figure!, 'figcaption').map(textOf)).toEqual(['Sales by year']);
    expect(byTag(fragment, 'p')).toHaveLength(0);
  });

  it('keep a linked image’s link inside the figure', async () => {
    const { fragment } = await renderMarkdown('[![A chart](./chart.png "Sales")](https://example.com/data)\n');
    const [figure] = byTag(fragment, 'figure');
    expect(attr(byTag(figure!, 'a')[0]!, 'href')).toBe('https://example.com/data');
    expect(byTag(figure!, 'figcaption').map(textOf)).toEqual(['Sales']);
  });

  it('leave untitled images and images inside a sentence alone', async () => {
    const { fragment } = await renderMarkdown('![A chart](./chart.png)\n\nSee ![icon](./i.png "Icon") here.\n');
    expect(byTag(fragment, 'figure')).toHaveLength(0);
    expect(byTag(fragment, 'img').map((img) => attr(img, 'title'))).toEqual([undefined, 'Icon']);
  });
});

describe('callouts', () => {
  it('render each GitHub alert kind as a titled note with a decorative icon', async () => {
    for (const kind of ['NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION']) {
      const { fragment } = await renderMarkdown(`> [!${kind}]\n> Body text.\n`);
      const [callout] = byClass(fragment, 'callout');
      const title = kind[0] + kind.slice(1).toLowerCase();
      expect(attr(callout!, 'class')).toBe(`callout callout-${kind.toLowerCase()}`);
      expect(attr(callout!, 'role')).toBe('note');
      expect(callout!.tagName).toBe('div');
      expect(textOf(byClass(callout!, 'callout-title')[0]!)).toBe(title);
      expect(attr(byTag(callout!, 'svg')[0]!, 'aria-hidden')).toBe('true');
      expect(byTag(callout!, 'p').map(textOf)).toEqual([title, 'Body text.']);
      expect(byTag(fragment, 'blockquote')).toHaveLength(0);
    }
  });

  it('accept the kind in any case, and keep several paragraphs and their markup', async () => {
    const { fragment } = await renderMarkdown('> [!warning]\n> First *one*.\n>\n> - a list\n');
    const [callout] = byClass(fragment, 'callout-warning');
    expect(byTag(callout!, 'em').map(textOf)).toEqual(['one']);
    expect(byTag(callout!, 'li').map(textOf)).toEqual(['a list']);
  });

  it('leave quotations and unknown kinds as blockquotes', async () => {
    const { fragment } = await renderMarkdown('> Just a quote.\n\n> [!DANGER]\n> Not a GitHub kind.\n\n> Text [!NOTE] inside.\n');
    expect(byTag(fragment, 'blockquote')).toHaveLength(3);
    expect(byClass(fragment, 'callout')).toHaveLength(0);
  });
});

describe('code blocks', () => {
  const lineClasses = (root: Element) => byClass(root, 'line').map((line) => (attr(line, 'class') ?? '').replace(/^line\s*/, ''));

  it('are framed, and titled when the fence says title="…"', async () => {
    const { fragment } = await renderMarkdown('```ts title="config.ts"\nconst a = 1;\n```\n\n```ts\nconst b = 2;\n```\n');
    const [titled, plain] = byClass(fragment, 'code-block');
    expect(titled!.tagName).toBe('figure');
    expect(byTag(titled!, 'figcaption').map((c) => [attr(c, 'class'), textOf(c)])).toEqual([['code-title', 'config.ts']]);
    expect(byTag(titled!, 'pre')).toHaveLength(1);
    expect(plain!.tagName).toBe('div');
    expect(byTag(plain!, 'pre')).toHaveLength(1);
  });

  it('highlight the lines listed in braces', async () => {
    const { fragment } = await renderMarkdown('```js {1,3-4}\na\nb\nc\nd\ne\n```\n');
    expect(lineClasses(fragment)).toEqual(['highlighted', '', 'highlighted', 'highlighted', '']);
  });

  it('mark // [!code ++] and // [!code --] lines and hide the notation', async () => {
    const { fragment } = await renderMarkdown('```js\nold(); // [!code --]\nnew(); // [!code ++]\nkeep(); // [!code highlight]\n```\n');
    expect(lineClasses(fragment)).toEqual(['diff remove', 'diff add', 'highlighted']);
    expect(textOf(byTag(fragment, 'code')[0]!)).not.toContain('[!code');
    expect(hasClass(byTag(fragment, 'pre')[0]!, 'has-diff')).toBe(true);
  });

  it('read a title in either kind of quotes, beside other meta', () => {
    expect(codeTitle('title="config.ts" {1,3}')).toBe('config.ts');
    expect(codeTitle("{2} title='my file.ts'")).toBe('my file.ts');
    expect(codeTitle('{1}')).toBeUndefined();
    expect(codeTitle('title=""')).toBeUndefined();
    expect(codeTitle(undefined)).toBeUndefined();
  });
});

describe('table labels', () => {
  it('name a region by its caption, else by its column headings', () => {
    expect(tableRegionLabel({ caption: ' Costs ', columnHeadings: ['A'] })).toBe('Costs');
    expect(tableRegionLabel({ caption: '', columnHeadings: ['Research', ' ', 'Production'] })).toBe('Table: Research, Production');
    expect(tableRegionLabel({ columnHeadings: [] })).toBe('Table');
  });
});

describe('<Comparison>', () => {
  const props = {
    columns: ['Research', 'Production'],
    rows: [
      ['Data', 'Static', 'Dynamic'],
      ['Size (GB)', 12, 3400],
    ] as const,
  };

  it('lays out rows of label and values, with a label from the column headings', () => {
    const table = buildComparisonTable({ ...props, align: [undefined, 'right'] });
    expect(table.label).toBe('Table: Research, Production');
    expect(table.caption).toBeUndefined();
    expect(table.columns).toEqual([
      { heading: 'Research', align: undefined },
      { heading: 'Production', align: 'right' },
    ]);
    expect(table.rows.map((row) => [row.label, ...row.cells.map((cell) => cell.value)])).toEqual([
      ['Data', 'Static', 'Dynamic'],
      ['Size (GB)', '12', '3400'],
    ]);
  });

  it('is named by its caption, and counts a row-label heading among the columns', () => {
    expect(buildComparisonTable({ ...props, caption: 'Two worlds' }).label).toBe('Two worlds');
    expect(buildComparisonTable({ ...props, rowHeading: 'Aspect' }).label).toBe('Table: Aspect, Research, Production');
  });

  it('reports a row with the wrong number of values, by its label', () => {
    expect(() => buildComparisonTable({ columns: ['A', 'B'], rows: [['Speed', 'fast']] })).toThrow(
      '<Comparison>: row "Speed" has 1 value but there are 2 columns (A, B)',
    );
    expect(() => buildComparisonTable({ columns: [], rows: [] })).toThrow(/columns/);
  });
});
