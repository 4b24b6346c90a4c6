import { describe, expect, it } from 'vitest';
import { removeKramdownMarkup } from '../../scripts/jekyll/kramdown.ts';

const clean = (markdown: string) => removeKramdownMarkup(markdown).body;

describe('kramdown markup', () => {
  it('attribute lists on their own line are removed', () => {
    expect(clean('Paragraph\n{: .notice}\n\n{:.lead}\nNext\n')).toBe('Paragraph\n\nNext\n');
  });

  it('the {:toc} marker goes, with the list item it replaces', () => {
    expect(clean('* TOC\n{:toc}\n\n## One\n')).toBe('\n## One\n');
    expect(clean('1. this will be replaced\n{: toc}\n## One')).toBe('## One');
    expect(clean('## Contents\n{:.no_toc}\n')).toBe('## Contents\n');
  });

  it('attribute lists after an element are removed', () => {
    expect(clean('![A](/a.png){: .center width="50%"}\n*word*{:.x} and [l](/l){:target="_blank"}')).toBe('![A](/a.png)\n*word* and [l](/l)');
  });

  it('heading ids are removed, and reported because links to them change', () => {
    expect(removeKramdownMarkup('## Old home {#old-home}\n\nText\n{: #para}\n')).toEqual({
      body: '## Old home\n\nText\n',
      warnings: [
        'removed the kramdown id "old-home": a link to #old-home needs the heading\'s id in Quire (GitHub style, from its text)',
        'removed the kramdown id "para": a link to #para needs the heading\'s id in Quire (GitHub style, from its text)',
      ],
    });
  });

  it('extensions: options and comments go, nomarkdown keeps its content', () => {
    expect(clean('{::options parse_block_html="true" /}\nA\n{::comment}\nsecret\n{:/comment}\nB {::nomarkdown}<b>x</b>{:/nomarkdown}\n')).toBe('A\nB <b>x</b>\n');
  });

  it('code blocks are left alone', () => {
    const code = '```ruby\nopts = {: .x}\n{:toc}\n```\n';
    expect(clean(`${code}{: .after}\n`)).toBe(code);
    expect(clean('~~~\n## H {#id}\n~~~\n')).toBe('~~~\n## H {#id}\n~~~\n');
  });

  it('Liquid-looking and ordinary braces are not kramdown', () => {
    expect(clean('A set {a, b} and {{ x }} and a {:smile:} face')).toBe('A set {a, b} and {{ x }} and a {:smile:} face');
  });
});
