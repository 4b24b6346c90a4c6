import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Root } from 'mdast';
import remarkMath from 'remark-math';
import type { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import rehypeTableCaptions from '../../src/markdown/plugins/rehype-table-captions.ts';
import remarkCrossReferenceNumbers, { type CrossReferenceTarget } from '../../src/markdown/plugins/remark-cross-reference-numbers.ts';
import remarkDisplayMathFences from '../../src/markdown/plugins/remark-display-math-fences.ts';
import remarkEquationLabels from '../../src/markdown/plugins/remark-equation-labels.ts';
import remarkFigureLabels from '../../src/markdown/plugins/remark-figure-labels.ts';
import remarkHeadingAttributes from '../../src/markdown/plugins/remark-heading-attributes.ts';
import remarkTableCaptions from '../../src/markdown/plugins/remark-table-captions.ts';
import { all, attr, byTag, hasClass, textOf } from '../../scripts/audit/html.ts';
import { renderWithPlugins, type RenderOptions } from '../support/render-plugins.ts';

const labelling = [remarkMath, remarkDisplayMathFences, remarkHeadingAttributes, remarkFigureLabels, remarkTableCaptions, remarkEquationLabels];

async function render(markdown: string, options: RenderOptions = {}) {
  let targets: Record<string, CrossReferenceTarget> = {};
  const inspect = () => (_tree: Root, file: VFile) => void (targets = file.data.crossReferences ?? {});
  const result = await renderWithPlugins({ remarkPlugins: [...labelling, remarkCrossReferenceNumbers, inspect], rehypePlugins: [rehypeTableCaptions] }, markdown, options);
  return { ...result, targets };
}

const table = (caption: string) => `| a |\n|---|\n| 1 |\n\n: ${caption}\n`;
const nbsp = (text: string) => text.replace(/\u00a0/g, ' ');

describe('remark-cross-reference-numbers', () => {
  it('numbers figures, tables and equations in reading order, each kind on its own, and shows the numbers', async () => {
    const markdown = [
      '![First](a.png){#fig-a}',
      table('A table {#tbl-a}'),
      '$$\nx\n$$ {#eq-a}',
      '![Second](b.png){#fig-b}',
      '![Unlabelled](c.png "A title")',
      '$$\ny\n$$ {#eq-b}',
    ].join('\n\n');
    const { fragment, targets } = await render(markdown);
    expect(targets).toEqual({
      'fig-a': { kind: 'fig', number: '1' },
      'tbl-a': { kind: 'tbl', number: '1' },
      'eq-a': { kind: 'eq', number: '1' },
      'fig-b': { kind: 'fig', number: '2' },
      'eq-b': { kind: 'eq', number: '2' },
    });
    expect(byTag(fragment, 'figcaption').map((c) => nbsp(textOf(c)))).toEqual(['Figure 1: First', 'Figure 2: Second']);
    expect(byTag(fragment, 'caption').map((c) => nbsp(textOf(c)))).toEqual(['Table 1: A table']);
    expect(all(fragment, (el) => hasClass(el, 'equation')).map((div) => [attr(div, 'id'), byTag(div, 'code').map(textOf)[0], byTag(div, 'span').map(textOf)])).toEqual([
      ['eq-a', 'x', ['(1)']],
      ['eq-b', 'y', ['(2)']],
    ]);
    expect(attr(byTag(fragment, 'span')[0]!, 'class')).toBe('equation-number');
  });

  it('says just "Figure 1" for a figure without caption text', async () => {
    const { fragment } = await render('![](a.png){#fig-a}\n');
    expect(byTag(fragment, 'figcaption').map((c) => nbsp(textOf(c)))).toEqual(['Figure 1']);
  });

  it('numbers every heading, as number-sections does, once a section is labelled', async () => {
    const markdown = '## Intro\n\n### Aside {#sec-aside}\n\n## Preface {.unnumbered}\n\n## Method {#sec-method}\n\n#### Deep\n';
    const { fragment, targets } = await render(markdown);
    expect(targets).toEqual({ 'sec-aside': { kind: 'sec', number: '1.1' }, 'sec-method': { kind: 'sec', number: '2' } });
    expect(all(fragment, (el) => /^h\d$/.test(el.tagName)).map((h) => attr(h, 'data-section-number') ?? '-')).toEqual(['1', '1.1', '-', '2', '2.0.1']);
  });

  it('numbers no heading in an essay that labels none, and leaves plain ids unnumbered', async () => {
    const { fragment, targets } = await render('## Intro {#intro}\n\n![A](a.png){#chart}\n');
    expect(targets).toEqual({});
    expect(byTag(fragment, 'h2').map((h) => attr(h, 'data-section-number'))).toEqual([undefined]);
    expect(byTag(fragment, 'figcaption').map(textOf)).toEqual(['A']);
  });

  it('refuses a label used twice, with the place of each', async () => {
    await expect(render('![A](a.png){#fig-a}\n\nText.\n\n## Title {#fig-a}\n')).rejects.toThrow(
      'Markdown:5:10  the label fig-a is already on a figure at line 1: each label names one element',
    );
    await expect(render('## A {#intro}\n\n## B {#intro}\n')).rejects.toThrow('Markdown:3:6  the label intro is already on a heading at line 1');
  });

  it('refuses a label whose prefix names another kind of element', async () => {
    await expect(render('## Results {#fig-results}\n')).rejects.toThrow(
      'Markdown:1:12  fig-results is on a heading, but fig- labels a figure; a heading’s label starts with sec-',
    );
    await expect(render(table('Caption {#eq-x}'))).rejects.toThrow('Markdown:5:11  eq-x is on a table, but eq- labels a display equation; a table’s label starts with tbl-');
  });

  it('refuses a label that is no name, an unnumbered labelled section, an equation with its own \\tag', async () => {
    await expect(render('![A](a.png){#fig-a.}\n')).rejects.toThrow('Markdown:1:12  fig-a. cannot be referred to');
    await expect(render('## A {#sec-a .unnumbered}\n')).rejects.toThrow('Markdown:1:6  sec-a is on an unnumbered heading');
    await expect(render('$$\nx \\tag{A}\n$$ {#eq-a}\n')).rejects.toThrow('Markdown:3:4  the equation labelled eq-a has a \\tag of its own');
  });

  it('locates its errors in the file on disk, front matter included', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'quire-cross-references-'));
    const file = path.join(folder, 'essay.md');
    const body = 'Intro.\n\n![A](a.png){#fig-a}\n\n- item\n\n  ![B](b.png){#fig-a}\n';
    writeFileSync(file, `---\ntitle: T\n---\n\n${body}`);
    await expect(render(body.trim(), { fileURL: pathToFileURL(file) })).rejects.toThrow(
      `${path.relative(process.cwd(), file)}:11:14  the label fig-a is already on a figure at line 7`,
    );
  });
});
