import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOutline } from '../../src/markdown/outline.ts';
import { createEssayRenderer, rendererSettings } from '../../src/markdown/render/essay-renderer.ts';
import { shikiConfig } from '../../src/markdown/pipeline.ts';
import { all, attr, byTag, hasClass, textOf } from '../../scripts/audit/html.ts';
import { renderMarkdown } from '../support/render-markdown.ts';
import { repoRoot } from '../support/paths.ts';
import {
  CROSS_REFERENCE_PATTERN,
  LABEL_PATTERN,
  captionPrefix,
  crossReferenceKind,
  referencedLabel,
  referenceText,
  sectionNumbers,
  trailingAttributeBlock,
} from '../../src/essays/cross-references.ts';


const found = (text: string) => [...text.matchAll(CROSS_REFERENCE_PATTERN)].map((m) => [m[0], referencedLabel(m[1] ?? m[2]!)]);

describe('cross-references: what a reference reads', () => {
  it('names each kind as Quarto does, the number kept on the name’s line', () => {
    expect(referenceText('fig', '2')).toBe('Figure\u00a02');
    expect(referenceText('tbl', '1')).toBe('Table\u00a01');
    expect(referenceText('eq', '3')).toBe('Equation\u00a0(3)');
    expect(referenceText('sec', '2.1')).toBe('Section\u00a02.1');
    expect(captionPrefix('fig', '2', true)).toBe('Figure\u00a02: ');
    expect(captionPrefix('tbl', '1', false)).toBe('Table\u00a01');
  });

  it('tells the kind by the prefix, and only by one of the four', () => {
    expect(['fig-a', 'tbl-a', 'eq-a', 'sec-a', 'lst-a', 'figure-a', 'a'].map(crossReferenceKind)).toEqual(['fig', 'tbl', 'eq', 'sec', undefined, undefined, undefined]);
    expect(['fig-a', 'fig-a_b-2', 'eq-loss.2', 'fig-', 'fig-a.', 'fig-a b'].map((label) => LABEL_PATTERN.test(label))).toEqual([true, true, true, false, false, false]);
  });
});

describe('cross-references: references in text', () => {
  it('finds @label and [@label], without the sentence’s punctuation', () => {
    expect(found('See @fig-a, @tbl-b. And (@eq-c); [@sec-d].')).toEqual([
      ['@fig-a', 'fig-a'],
      ['@tbl-b', 'tbl-b'],
      ['@eq-c', 'eq-c'],
      ['[@sec-d]', 'sec-d'],
    ]);
  });

  it('reads a capitalised prefix as the label', () => {
    expect(found('@Fig-a and @Sec-intro')).toEqual([
      ['@Fig-a', 'fig-a'],
      ['@Sec-intro', 'sec-intro'],
    ]);
  });

  it('leaves other @names, email addresses and citations alone', () => {
    expect(found('@someone, @figure-1, a@fig-b.org, @@fig-c, [@squad], [@squad; @fig-a], @fig')).toEqual([['@fig-a', 'fig-a']]);
  });
});

describe('cross-references: section numbers', () => {
  it('numbers from the highest level used, as Pandoc’s number-sections', () => {
    expect(sectionNumbers([2, 3, 3, 2, 4, 2])).toEqual(['1', '1.1', '1.2', '2', '2.0.1', '3']);
    expect(sectionNumbers([3, 2, 3])).toEqual(['0.1', '1', '1.1']);
    expect(sectionNumbers([])).toEqual([]);
  });
});

describe('Pandoc attribute blocks', () => {
  it('reads ids, classes, attributes and {-} at the end of a text', () => {
    expect(trailingAttributeBlock('Title {#sec-x .unnumbered}')).toMatchObject({ id: 'sec-x', classes: ['unnumbered'], index: 6, written: '{#sec-x .unnumbered}' });
    expect(trailingAttributeBlock('{#fig-x fig-alt="A chart, rising" width=50%}')).toMatchObject({
      id: 'fig-x',
      attributes: [
        ['fig-alt', 'A chart, rising'],
        ['width', '50%'],
      ],
    });
    expect(trailingAttributeBlock('Preface {-}')).toMatchObject({ unnumbered: true });
  });

  it('takes no prose or TeX braces for one', () => {
    for (const text of ['The set {a, b}', 'Empty {}', 'Mid {#x} text', 'Code {x: 1}', '{#a}{#b}x']) expect(trailingAttributeBlock(text)).toBeUndefined();
  });
});

const renderer = createEssayRenderer(
  rendererSettings({
    image: { domains: [], remotePatterns: [] },
    markdown: { syntaxHighlight: { type: 'shiki', excludeLangs: ['math'] }, shikiConfig, gfm: false, smartypants: false },
  }),
);

const ESSAY = [
  'As @fig-chart, @tbl-scores and @eq-loss show, and @sec-method explains [@squad].',
  '',
  '## Method {#sec-method}',
  '',
  '![Scores by year](chart.png){#fig-chart}',
  '',
  '| model | score |',
  '|---|---|',
  '| a | 1 |',
  '',
  ': Scores {#tbl-scores}',
  '',
  '$$',
  'L = -\\log p',
  '$$ {#eq-loss}',
].join('\n');
const references = [{ id: 'squad', title: 'SQuAD', url: 'https://example.org/squad' }];

describe('cross-references in the site’s pipeline', () => {
  it('numbers and links all four kinds, beside citations', async () => {
    const { fragment, headings } = await renderMarkdown(ESSAY, { frontmatter: { references } });
    const links = all(fragment, (el) => hasClass(el, 'cross-reference')).map((a) => [textOf(a).replace(/\u00a0/g, ' '), attr(a, 'href')]);
    expect(links).toEqual([
      ['Figure 1', '#fig-chart'],
      ['Table 1', '#tbl-scores'],
      ['Equation (1)', '#eq-loss'],
      ['Section 1', '#sec-method'],
    ]);
    expect(all(fragment, (el) => hasClass(el, 'citation-ref')).map(textOf)).toEqual(['1']);
    expect(byTag(fragment, 'figcaption').map(textOf)).toEqual(['Figure\u00a01: Scores by year']);
    const [region] = all(fragment, (el) => hasClass(el, 'table-scroll'));
    expect(attr(region!, 'aria-label')).toBe('Table\u00a01: Scores');
    expect(attr(byTag(region!, 'table')[0]!, 'id')).toBe('tbl-scores');
    const [equation] = all(fragment, (el) => hasClass(el, 'equation'));
    expect(attr(equation!, 'id')).toBe('eq-loss');
    expect(all(equation!, (el) => hasClass(el, 'equation-number')).map(textOf)).toEqual(['(1)']);
    expect(all(equation!, (el) => hasClass(el, 'katex-display'))).toHaveLength(1);
    expect(headings.filter((h) => h.depth === 2).map((h) => [h.slug, h.text])).toEqual([
      ['sec-method', '1 Method'],
      ['references', 'References'],
    ]);
  });

  it('gives the checks the ids the page has, and warns about attributes it ignores', async () => {
    const body = `${ESSAY}\n\n![Other](o.png){#fig-other width=50%}\n\nSee @fig-other.`;
    const rendered = await (await renderer).render({ filePath: path.join(repoRoot, 'content/posts/x.md'), body, data: { references } });
    expect([...rendered.outline.ids].sort()).toEqual(['eq-loss', 'fig-chart', 'fig-other', 'sec-method', 'tbl-scores']);
    expect(rendered.outline.headings.map((h) => [h.slug, h.text])).toEqual([['sec-method', 'Method']]);
    expect(rendered.findings).toEqual([
      { line: 17, column: 16, rule: 'ignored-attribute', severity: 'warning', message: 'width="50%" in {#fig-other width=50%} is ignored: Quire reads only the #label and fig-alt there' },
    ]);
  });

  it('gives the checks the ids of an MDX essay, read from its source, too', () => {
    const outline = readOutline('## Method \\{#sec-method}\n\n![A chart](c.png)\\{#fig-chart}\n\n## Results\n', { mdx: true });
    expect(outline.headings.map((h) => h.slug)).toEqual(['sec-method', 'results']);
    expect([...outline.ids].sort()).toEqual(['fig-chart', 'results', 'sec-method']);
  });

  it('labels no equation when math is off, and says so if one is referred to', async () => {
    await expect(renderMarkdown('$$\nx\n$$ {#eq-x}\n\n@eq-x\n', { frontmatter: { math: false } })).rejects.toThrow('@eq-x refers to eq-x, which is not a label in this essay');
  });
});
