import { describe, expect, it } from 'vitest';
import { all, attr, byTag, hasClass, textOf } from '../../scripts/audit/html.ts';
import { renderMarkdown } from '../support/render-markdown.ts';

const comparisonTable = `
|     | Research | Production |
| --- | :--- | ---: |
| 1.  | Static | Dynamic |
| 2.  | Clean | Messy |
`;

describe('comparison tables', () => {
  it('sit in a labelled, focusable scroll region', async () => {
    const { fragment } = await renderMarkdown(comparisonTable);
    const [region] = all(fragment, (el) => hasClass(el, 'table-scroll'));
    expect(region).toBeDefined();
    expect(attr(region!, 'role')).toBe('region');
    expect(attr(region!, 'tabindex')).toBe('0');
    expect(attr(region!, 'aria-label')).toBe('Table: Research, Production');
    expect(byTag(region!, 'table')).toHaveLength(1);
  });

  it('turn an empty corner cell into a row-header table', async () => {
    const { fragment } = await renderMarkdown(comparisonTable);
    const headerRow = byTag(byTag(fragment, 'thead')[0]!, 'tr')[0]!;
    expect(headerRow.childNodes.filter((n) => 'tagName' in n).map((n) => (n as { tagName: string }).tagName)).toEqual(['td', 'th', 'th']);
    const rowHeaders = all(fragment, (el) => el.tagName === 'th' && attr(el, 'scope') === 'row');
    expect(rowHeaders.map(textOf)).toEqual(['1.', '2.']);
    expect(all(fragment, (el) => attr(el, 'scope') === 'col').map(textOf)).toEqual(['Research', 'Production']);
  });

  it('leave a table with a named first column alone', async () => {
    const { fragment } = await renderMarkdown('| Name | Value |\n| --- | --- |\n| a | 1 |\n');
    expect(all(fragment, (el) => attr(el, 'scope') === 'row')).toHaveLength(0);
    expect(byTag(fragment, 'td')).toHaveLength(2);
  });

  it('keep GFM column alignment without the obsolete align attribute', async () => {
    const { fragment } = await renderMarkdown(comparisonTable);
    const cells = [...byTag(fragment, 'td'), ...byTag(fragment, 'th')];
    expect(cells.some((cell) => attr(cell, 'align') !== undefined)).toBe(false);
    expect(all(fragment, (el) => hasClass(el, 'align-right')).map(textOf)).toEqual(['Production', 'Dynamic', 'Messy']);
    expect(all(fragment, (el) => hasClass(el, 'align-left')).map(textOf)).toEqual(['Research', 'Static', 'Clean']);
  });
});

describe('headings', () => {
  it('get GitHub-compatible ids: duplicates numbered, non-Latin letters kept', async () => {
    const { headings } = await renderMarkdown('## Notes\n\n## Notes\n\n## Машинное обучение\n\n## What is `render()`?\n');
    expect(headings.map((h) => h.slug)).toEqual(['notes', 'notes-1', 'машинное-обучение', 'what-is-render']);
    expect(headings.map((h) => h.text)).toEqual(['Notes', 'Notes', 'Машинное обучение', 'What is render()?']);
  });

  it('get a self-link beside them that keeps the heading text clean', async () => {
    const { fragment } = await renderMarkdown('## Overview\n');
    const [wrapper] = all(fragment, (el) => hasClass(el, 'heading'));
    const [heading] = byTag(wrapper!, 'h2');
    const [anchor] = byTag(wrapper!, 'a');
    expect(textOf(heading!)).toBe('Overview');
    expect(attr(anchor!, 'href')).toBe('#overview');
    expect(textOf(anchor!)).toBe('#Section titled “Overview”');
  });

  it('give the hidden footnotes heading no self-link', async () => {
    const { fragment } = await renderMarkdown('Text[^1]\n\n[^1]: A note.\n');
    const label = all(fragment, (el) => attr(el, 'id') === 'footnote-label')[0]!;
    expect(label).toBeDefined();
    expect(all(fragment, (el) => attr(el, 'href') === '#footnote-label')).toHaveLength(0);
  });
});

describe('links', () => {
  it('open in the same tab, with no rel added', async () => {
    const { fragment } = await renderMarkdown('See [SQuAD](https://huggingface.co/datasets/squad) and https://example.com/x.\n');
    const links = byTag(fragment, 'a');
    expect(links.map((a) => attr(a, 'href'))).toEqual(['https://huggingface.co/datasets/squad', 'https://example.com/x']);
    expect(links.every((a) => attr(a, 'target') === undefined && attr(a, 'rel') === undefined)).toBe(true);
  });
});

describe('code', () => {
  it('is highlighted at build time with light and dark theme variables', async () => {
    const { html } = await renderMarkdown('```ts\nconst answer: number = 42;\n```\n');
    expect(html).toContain('--shiki-light:');
    expect(html).toContain('--shiki-dark:');
    expect(html).toContain('data-language="ts"');
  });

  it('falls back to plain text for a language Shiki does not know', async () => {
    const { html } = await renderMarkdown('```klingon\nqapla\n```\n');
    expect(html).toContain('qapla');
    expect(html).toContain('<pre');
  });
});
