import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, attr, byTag, closest, hasClass, readHtml, textOf, type Element } from '../../scripts/audit/html.ts';
import { checkLinks, formatDeadLinks } from '../../scripts/audit/link-checker.ts';
import { checkHtml, formatNuMessages, nuCheckerIsAvailable } from '../../scripts/audit/vnu.ts';
import { createFixtureSite, runScript, type BuildResult, type FixtureSite } from '../support/fixture-site.ts';
import { repoRoot } from '../support/paths.ts';
import { shownText } from '../support/shown-text.ts';

/**
 * tests/fixtures/cross-references: an essay numbering two figures, a table, two equations and
 * its sections and referring to each (Quarto's syntax), the same in MDX, and an essay linking
 * into the first one's labels. Read back from dist/ with an HTML parser.
 */
const FIXTURE = path.join(repoRoot, 'tests', 'fixtures', 'cross-references');

let site: FixtureSite;
let build: BuildResult;
beforeAll(async () => {
  site = createFixtureSite('cross-references');
  cpSync(FIXTURE, path.join(site.root, 'content'), { recursive: true });
  build = await site.build();
  if (build.code !== 0) throw new Error(build.output);
});
afterAll(() => site?.remove());

const page = (slug: string) => readHtml(path.join(site.dist, 'posts', slug, 'index.html'));
const prose = (slug: string) => all(page(slug), (el) => hasClass(el, 'prose'))[0]!;
/** Text as the reader sees it, with the no-break space inside "Figure 2" as a space. */
const text = (node: Element) => textOf(node).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
/** The same without what is not shown in the line: KaTeX's MathML copy, previews. */
const visibleText = (node: Element) => shownText(node).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
const byId = (root: Element, id: string) => all(root, (el) => attr(el, 'id') === id)[0];
const crossReferences = (root: Element) => all(root, (el) => el.tagName === 'a' && hasClass(el, 'cross-reference'));

describe('an essay with numbered figures, tables, equations and sections', () => {
  it('builds without a warning about them', () => {
    expect(build.output).not.toMatch(/\berror\b|ignored-attribute|is ignored/i);
  });

  it('numbers its figures in order, with the label as the figure’s id and the number in its caption', () => {
    const essay = prose('numbered');
    const figures = byTag(essay, 'figure').filter((figure) => hasClass(figure, 'figure'));
    expect(figures.map((figure) => attr(figure, 'id'))).toEqual(['fig-scores', 'fig-errors']);
    expect(figures.map((figure) => visibleText(byTag(figure, 'figcaption')[0]!))).toEqual([
      'Figure 1: Accuracy by year, 2019 to 2023, on n questions [1]',
      'Figure 2: The same chart, for the errors',
    ]);
    // The caption is Markdown: its math is typeset and its citation links to the reference.
    const [caption] = byTag(figures[0]!, 'figcaption');
    expect(all(caption!, (el) => hasClass(el, 'katex'))).toHaveLength(1);
    expect(all(caption!, (el) => hasClass(el, 'citation-ref')).map((a) => attr(a, 'href'))).toEqual(['#ref-squad']);
    // The image went through Astro's image pipeline, with fig-alt as its alt text.
    const [image] = byTag(figures[0]!, 'img');
    expect(attr(image!, 'alt')).toBe('A bar chart: accuracy rising each year');
    expect(attr(image!, 'src')).toMatch(/^\/_astro\/chart\.[\w-]+\.webp$/);
    expect(attr(byTag(figures[1]!, 'img')[0]!, 'alt')).toBe('The same chart, for the errors');
  });

  it('captions and numbers its table, inside the table, whose scroll region is named by the caption', () => {
    const [table] = byTag(prose('numbered'), 'table');
    expect(attr(table!, 'id')).toBe('tbl-scores');
    const [caption] = byTag(table!, 'caption');
    expect(table!.childNodes.find((child): child is Element => 'tagName' in child)).toBe(caption);
    expect(text(caption!)).toBe('Table 1: Accuracy by model size, in percent');
    const region = closest(table!, (el) => hasClass(el, 'table-scroll'))!;
    expect(attr(region, 'aria-label')).toBe('Table\u00a01: Accuracy by model size, in percent');
  });

  it('numbers its labelled display equations, the number at the right of each', () => {
    const equations = all(prose('numbered'), (el) => hasClass(el, 'equation'));
    expect(equations.map((equation) => attr(equation, 'id'))).toEqual(['eq-loss', 'eq-rate']);
    // The formula (in its scroll box), then its number, which the stylesheet sets at its right.
    for (const equation of equations) {
      const children = equation.childNodes.filter((child): child is Element => 'tagName' in child);
      expect(children.map((child) => attr(child, 'class'))).toEqual(['katex-display', 'equation-number']);
    }
    expect(equations.map((equation) => text(all(equation, (el) => hasClass(el, 'equation-number'))[0]!))).toEqual(['(1)', '(2)']);
  });

  it('numbers its sections as number-sections does, the labelled ones with their label as id', () => {
    const headings = all(prose('numbered'), (el) => /^h[23]$/.test(el.tagName));
    expect(headings.map((heading) => [heading.tagName, attr(heading, 'id'), text(heading)])).toEqual([
      ['h2', 'sec-method', '1 Method'],
      ['h3', 'sec-sampling', '1.1 Sampling'],
      ['h2', 'results', '2 Results'],
      ['h2', 'appendix', 'Appendix'],
      ['h2', 'references', 'References'],
    ]);
    // The table of contents lists them with their numbers, and links their ids.
    const toc = all(page('numbered'), (el) => el.tagName === 'nav' && hasClass(el, 'toc'))[0]!;
    expect(byTag(toc, 'a').map((a) => [text(a), attr(a, 'href')]).slice(0, 3)).toEqual([
      ['1 Method', '#sec-method'],
      ['1.1 Sampling', '#sec-sampling'],
      ['2 Results', '#results'],
    ]);
  });

  it('turns each reference into a link reading the kind and number of what it links to', () => {
    const essay = prose('numbered');
    expect(crossReferences(essay).map((a) => [text(a), attr(a, 'href')])).toEqual([
      ['Figure 1', '#fig-scores'],
      ['Table 1', '#tbl-scores'],
      ['Equation (1)', '#eq-loss'],
      ['Section 1', '#sec-method'],
      ['Figure 2', '#fig-errors'],
      ['Section 1', '#sec-method'],
      ['Equation (2)', '#eq-rate'],
      ['Figure 2', '#fig-errors'],
      ['Figure 1', '#fig-scores'],
      ['Table 1', '#tbl-scores'],
      ['Equation (1)', '#eq-loss'],
      ['Equation (2)', '#eq-rate'],
      ['Section 1.1', '#sec-sampling'],
    ]);
    const paragraph = visibleText(byTag(essay, 'p')[0]!);
    expect(paragraph).toContain('and Figure 2 where they fail. The data set is SQuAD [1].');
    expect(paragraph).toContain('results@sec-lab.example.org or ask @quire on a forum.');
  });

  it('links both ways: every reference names the number its target shows, and every label is referred to', () => {
    const essay = prose('numbered');
    const shown = (target: Element): string => {
      if (target.tagName === 'figure') return text(byTag(target, 'figcaption')[0]!).split(':')[0]!;
      if (target.tagName === 'table') return text(byTag(target, 'caption')[0]!).split(':')[0]!;
      if (hasClass(target, 'equation')) return `Equation ${text(all(target, (el) => hasClass(el, 'equation-number'))[0]!)}`;
      return `Section ${text(all(target, (el) => hasClass(el, 'section-number'))[0]!)}`;
    };
    const referred = new Set<string>();
    for (const link of crossReferences(essay)) {
      const id = attr(link, 'href')!.slice(1);
      const target = byId(essay, id);
      expect(target, id).toBeDefined();
      expect(text(link)).toBe(shown(target!));
      referred.add(id);
    }
    const labelled = all(essay, (el) => /^(fig|tbl|eq|sec)-/.test(attr(el, 'id') ?? '')).map((el) => attr(el, 'id'));
    expect(labelled.sort()).toEqual([...referred].sort());
  });

  it('works in MDX too, with the braces escaped', () => {
    const essay = prose('numbered-mdx');
    expect(crossReferences(essay).map((a) => [text(a), attr(a, 'href')])).toEqual([
      ['Figure 1', '#fig-mdx'],
      ['Equation (1)', '#eq-mdx'],
      ['Section 1', '#sec-mdx'],
    ]);
    expect(text(byId(essay, 'sec-mdx')!)).toBe('1 An MDX section');
    expect(text(byTag(byId(essay, 'fig-mdx')!, 'figcaption')[0]!)).toBe('Figure 1: A chart in MDX');
    expect(all(byId(essay, 'eq-mdx')!, (el) => hasClass(el, 'equation-number')).map(text)).toEqual(['(1)']);
  });

  it.skipIf(!nuCheckerIsAvailable())('is valid HTML, as are the other pages', async () => {
    const files = ['numbered', 'numbered-mdx', 'linking'].map((slug) => path.join(site.dist, 'posts', slug, 'index.html'));
    const { errors } = await checkHtml(files);
    expect(errors, formatNuMessages(errors, site.dist)).toEqual([]);
  });

  it('has no dead links, the links from another essay to its labels included', () => {
    const report = checkLinks(site.dist, '/');
    expect(report.dead, formatDeadLinks(report.dead)).toEqual([]);
    expect(byTag(prose('linking'), 'a').map((a) => attr(a, 'href'))).toEqual([
      '/posts/numbered/#fig-scores',
      '/posts/numbered/#tbl-scores',
      '/posts/numbered/#eq-loss',
      '/posts/numbered/#sec-method',
    ]);
  });
});

describe('an unknown or duplicate label', () => {
  const essay = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2024-01-01\n---\n\n${body}\n`;
  let failing: FixtureSite;
  let failed: BuildResult;
  let check: BuildResult;
  beforeAll(async () => {
    failing = createFixtureSite('cross-references-errors', {
      'posts/unknown.md': essay('Unknown', 'Intro.\n\n![A chart](./chart.png){#fig-chart}\n\nAs @fig-chart and @fig-chrat show.'),
      'posts/duplicate.md': essay('Duplicate', '## Method {#sec-method}\n\nText.\n\n## Methods again {#sec-method}\n\nSee @sec-method.'),
    });
    cpSync(path.join(FIXTURE, 'posts', 'numbered', 'chart.png'), path.join(failing.root, 'content', 'posts', 'chart.png'));
    [failed, check] = await Promise.all([runScript(failing.root, 'build.ts'), runScript(failing.root, 'check.ts', ['--content-only'])]);
  });
  afterAll(() => failing?.remove());

  const UNKNOWN = 'content/posts/unknown.md:10:19  @fig-chrat refers to fig-chrat, which is not a label in this essay (its fig- labels are fig-chart)';
  const DUPLICATE = 'content/posts/duplicate.md:10:18  the label sec-method is already on a heading at line 6: each label names one element';

  it('stop the build with a located error each, and no stack trace', () => {
    expect(failed.code).toBe(1);
    expect(failed.output).toContain(UNKNOWN);
    expect(failed.output).toContain(DUPLICATE);
    expect(failed.output).not.toMatch(/^\s+at /m);
  });

  it('are errors in npm run check too', () => {
    expect(check.code).toBe(1);
    expect(check.output).toContain(UNKNOWN);
    expect(check.output).toContain(DUPLICATE);
  });
});
