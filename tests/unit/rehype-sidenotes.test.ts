import { describe, expect, it } from 'vitest';
import rehypeSidenotes from '../../src/markdown/plugins/rehype-sidenotes.ts';
import { all, attr, byTag, hasClass, textOf } from '../../scripts/audit/html.ts';
import { renderWithPlugins } from '../support/render-plugins.ts';

const render = (markdown: string) => renderWithPlugins({ rehypePlugins: [rehypeSidenotes] }, markdown);

describe('rehype-sidenotes', () => {
  it('keeps GFM’s one list of footnotes, with back-links, and gives each note and its reference an anchor', async () => {
    const { fragment } = await render('One.[^a] Two.[^b] One again.[^a]\n\n[^a]: First note.\n[^b]: Second note.\n');
    const [section] = all(fragment, (el) => el.tagName === 'section');
    expect(hasClass(section!, 'footnotes')).toBe(true);
    expect(hasClass(section!, 'sidenotes')).toBe(true);
    const notes = byTag(section!, 'li');
    expect(notes.map((li) => attr(li, 'style'))).toEqual([
      '--sidenote-ref: --sidenote-ref-1; --sidenote: --sidenote-1; --sidenote-previous: --sidenote-0',
      '--sidenote-ref: --sidenote-ref-2; --sidenote: --sidenote-2; --sidenote-previous: --sidenote-1',
    ]);
    const refs = all(fragment, (el) => attr(el, 'data-footnote-ref') !== undefined);
    expect(refs.map(textOf)).toEqual(['1', '2', '1']);
    // Only the first reference to a note anchors it.
    expect(refs.map((a) => attr(a, 'style'))).toEqual(['--sidenote-ref: --sidenote-ref-1', '--sidenote-ref: --sidenote-ref-2', undefined]);
    expect(all(section!, (el) => attr(el, 'data-footnote-backref') !== undefined)).toHaveLength(3);
  });

  it('leaves a text without footnotes alone', async () => {
    const { html } = await render('No notes.\n');
    expect(html).toBe('<p>No notes.</p>');
  });
});
