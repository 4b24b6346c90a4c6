import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import remarkCitations from '../../src/markdown/plugins/remark-citations.ts';
import { all, attr, byTag, hasClass, textOf } from '../../scripts/audit/html.ts';
import { renderWithPlugins, type RenderOptions } from '../support/render-plugins.ts';

const references = [
  { id: 'squad', title: 'SQuAD', url: 'https://huggingface.co/datasets/squad', publisher: 'Hugging Face', year: 2016 },
  { id: 'glue', title: 'GLUE', url: 'https://huggingface.co/datasets/glue' },
  { id: 'unused', title: 'Never cited', url: 'https://example.org/unused' },
];

const render = (markdown: string, options: RenderOptions = { frontmatter: { references } }) =>
  renderWithPlugins({ remarkPlugins: [remarkCitations] }, markdown, options);

describe('remark-citations', () => {
  it('turns [@id] into a numbered link to the entry, described by a preview of it', async () => {
    const { html } = await render('As shown [@squad].\n');
    expect(html).toBe(
      '<p>As shown <span class="citation">[<span class="citation-item">' +
        '<a class="citation-ref" href="#ref-squad" id="cite-squad-1" aria-describedby="cite-squad-1-preview">1</a>' +
        '<span class="citation-preview" role="tooltip" id="cite-squad-1-preview" data-pagefind-ignore="">SQuAD. Hugging Face, 2016.</span>' +
        '</span>]</span>.</p>',
    );
  });

  it('numbers in order of first citation; [@a; @b] is one marker with two numbers', async () => {
    const { fragment } = await render('First [@glue; @squad], then [@squad] and [@glue].\n');
    const markers = all(fragment, (el) => hasClass(el, 'citation'));
    expect(markers.map((m) => byTag(m, 'a').map(textOf).join(','))).toEqual(['1,2', '2', '1']);
    expect(all(fragment, (el) => hasClass(el, 'citation-ref')).map((a) => attr(a, 'id'))).toEqual([
      'cite-glue-1',
      'cite-squad-1',
      'cite-squad-2',
      'cite-glue-2',
    ]);
  });

  it('adds a marker after a link whose URL is a reference’s, keeping the link as written', async () => {
    const { html } = await render('Benchmarks such as [SQUAD](https://huggingface.co/datasets/squad) and [other](https://example.org/x).\n');
    expect(html).toMatch(/^<p>Benchmarks such as <a href="https:\/\/huggingface.co\/datasets\/squad">SQUAD<\/a><span class="citation">\[<span class="citation-item"><a class="citation-ref" href="#ref-squad"/);
    expect(html).toContain('<a href="https://example.org/x">other</a>.</p>');
  });

  it('can leave links alone', async () => {
    const { html } = await renderWithPlugins(
      { remarkPlugins: [[remarkCitations, { citeLinks: false }]] },
      '[SQUAD](https://huggingface.co/datasets/squad)\n',
      { frontmatter: { references } },
    );
    expect(html).toBe('<p><a href="https://huggingface.co/datasets/squad">SQUAD</a></p>');
  });

  it('leaves code, link text and other brackets alone', async () => {
    const { html } = await render('`[@squad]` and [see [@squad]](https://example.org) and [\\@someone said] and [x@y.z]\n');
    expect(html).not.toContain('class="citation"');
  });

  it('cites inside footnotes too', async () => {
    const { fragment } = await render('Text.[^1]\n\n[^1]: See [@glue].\n');
    const [marker] = all(fragment, (el) => hasClass(el, 'citation-ref'));
    expect(attr(marker!, 'href')).toBe('#ref-glue');
  });

  it('fails on an unknown id with the file, line, column and the ids it knows', async () => {
    await expect(render('Fine.\n\nBut [@squad; @nope] is not.\n')).rejects.toThrow(
      'Markdown:3:5  [@squad; @nope] cites "nope", which is not one of this essay’s references (its references are squad, glue, unused)',
    );
    await expect(render('[@x]\n', {})).rejects.toThrow('Markdown:1:1  [@x] cites "x", which is not one of this essay’s references (it has no `references:` or `bibliography:` in its front matter)');
  });

  it('gives the line and column in the file itself, front matter and indentation included', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'quire-citations-'));
    const file = path.join(folder, 'essay.md');
    const body = 'Intro.\n\n- item\n  cites [@nope] here.\n';
    writeFileSync(file, `---\ntitle: T\nreferences: []\n---\n\n${body}`);
    // Astro renders a collection entry's body without its front matter, trimmed.
    await expect(renderWithPlugins({ remarkPlugins: [remarkCitations] }, body.trim(), { fileURL: pathToFileURL(file) })).rejects.toThrow(
      `${path.relative(process.cwd(), file)}:9:9  [@nope] cites "nope"`,
    );
  });

  it('reads Pandoc’s locators, prefixes, suppressed authors and narrative citations', async () => {
    const { fragment } = await render('See [see @squad, p. 3; @glue], @squad [ch. 2] says, [-@glue].\n');
    const visible = (el: import('../../scripts/audit/html.ts').Element) => textOf(el).replace(/SQuAD\. Hugging Face, 2016\.|GLUE\./g, '');
    expect(visible(all(fragment, (el) => el.tagName === 'p')[0]!)).toBe('See [see 1, p. 3; 2], SQuAD [1, ch. 2] says, [2].');
  });

  it('writes author-year citations when the essay asks, sorted and labelled', async () => {
    const authored = [
      { id: 'b', title: 'Beta', url: 'https://example.org/b', authors: ['Bo Bell'], year: 2002 },
      { id: 'a', title: 'Alpha', url: 'https://example.org/a', authors: ['Ann Ames', 'Cy Cole'], year: 2001 },
    ];
    const { fragment } = await render('One [@b, p. 2], two @a, three [-@a; see @b].\n', { frontmatter: { references: authored, citationStyle: 'author-year' } });
    const markers = all(fragment, (el) => hasClass(el, 'citation-ref')).map(textOf);
    expect(markers).toEqual(['Bell, 2002', 'Ames and Cole', '2001', 'Bell, 2002']);
  });

  it('leaves an @name that is no key as text, unless it is a key mistyped', async () => {
    const { html } = await render('Ask @someone, or \\@squad.\n');
    expect(html).not.toContain('class="citation"');
    expect(html).toContain('Ask @someone, or @squad.');
    await expect(render('As @sqaud says.\n')).rejects.toThrow('@sqaud cites "sqaud", which is not one of this essay’s references (did you mean "squad"?)');
  });
});
