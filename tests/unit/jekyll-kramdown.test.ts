import { describe, expect, it } from 'vitest';
import { convertAttributeLists, convertKramdownTables, parseAttributeList, removeKramdownExtensions } from '../../scripts/jekyll/kramdown.ts';

const extensions = (markdown: string) => removeKramdownExtensions(markdown).body;
const attributes = (markdown: string) => convertAttributeLists(markdown).body;
const tables = (markdown: string) => convertKramdownTables(markdown);

describe('kramdown extensions', () => {
  it('the {:toc} marker goes, with the list item it replaces', () => {
    expect(extensions('* TOC\n{:toc}\n\n## One\n')).toBe('\n## One\n');
    expect(extensions('1. this will be replaced\n{: toc}\n## One')).toBe('## One');
  });

  it('options and comments go, nomarkdown keeps its content', () => {
    expect(extensions('{::options parse_block_html="false" /}\nA\n{::comment}\nsecret\n{:/comment}\nB {::nomarkdown}<b>x</b>{:/nomarkdown}\n')).toBe('A\nB <b>x</b>\n');
  });

  it('parse_block_html="true": the HTML blocks after it carry markdown="1", table cells and code do not', () => {
    expect(extensions('<div>before</div>\n{::options parse_block_html="true" /}\n<div class="a">\n\n| x |\n\n</div>\n<p markdown="0">p</p>\n<table>\n  <td>c</td>\n</table>\n```\n<div>\n```')).toBe(
      '<div>before</div>\n<div class="a" markdown="1">\n\n| x |\n\n</div>\n<p markdown="0">p</p>\n<table>\n  <td>c</td>\n</table>\n```\n<div>\n```',
    );
  });
});

describe('kramdown attribute lists', () => {
  it('are read: classes, id, key="value"', () => {
    expect(parseAttributeList(' .center #top style="width: 50%;" class="a b" data-x=1')).toEqual({
      classes: ['center', 'a', 'b'],
      id: 'top',
      attributes: { style: 'width: 50%;', 'data-x': '1' },
    });
  });

  it('an image, its sizing list, and a caption paragraph with {:.image-caption} become a figure, the image still Markdown', () => {
    const { body, warnings } = convertAttributeLists(
      'Text.\n\n![A chart](/assets/chart.png)\n{: style="width: 80%;" class="center"}\n*Fig. 1. Sales, from [the report](https://x.org).*\n{:.image-caption}\n\nMore.',
    );
    expect(body).toBe(
      'Text.\n\n\n<figure class="figure" style="width: 80%">\n\n![A chart](/assets/chart.png)\n\n<figcaption>\n\n*Fig. 1. Sales, from [the report](https://x.org).*\n\n</figcaption>\n</figure>\n\n\nMore.',
    );
    expect(warnings).toEqual([]);
  });

  it('also when the caption is in the image’s paragraph, separated by a blank line, or written {: .caption}', () => {
    const figure = (caption: string) => `\n<figure class="figure">\n\n![a](/a.png)\n\n<figcaption>\n\n${caption}\n\n</figcaption>\n</figure>\n`;
    expect(attributes('![a](/a.png)\nCaption\n{:.image-caption}')).toBe(figure('Caption'));
    expect(attributes('![a](/a.png)\n\nCaption\n{: .caption}')).toBe(figure('Caption'));
  });

  it('keeps several images, anchors before them, and links around them', () => {
    expect(attributes('<a name="fig" />\n![a](/a.png)\n[![b](/b.png "B")](/big.png)\n{: style="width: 300px;"}\nBoth.\n{:.image-caption}')).toBe(
      '\n<a name="fig"></a>\n<figure class="figure" style="width: 300px">\n\n![a](/a.png)\n\n[![b](/b.png)](/big.png)\n\n<figcaption>\n\nBoth.\n\n</figcaption>\n</figure>\n',
    );
  });

  it('a sized or centred image without a caption is a figure; other styles are dropped and reported', () => {
    const { body, warnings } = convertAttributeLists('Intro\n\n![x](/x.png)\n{: style="width: 50%; border: 1px solid" class="center shadow"}\n');
    expect(body).toBe('Intro\n\n\n<figure class="figure" style="width: 50%">\n\n![x](/x.png)\n\n</figure>\n\n');
    expect(warnings).toEqual([{ line: 4, message: 'image attributes dropped: Quire keeps an image\'s width only (class "shadow", style "border")' }]);
    expect(attributes('![A](/a.png){: .center width="50%"}')).toBe('\n<figure class="figure" style="width: 50%">\n\n![A](/a.png)\n\n</figure>\n');
    expect(attributes('![A](/a.png "Its title"){: .center}')).toBe('\n<figure class="figure">\n\n![A](/a.png)\n\n<figcaption>\n\nIts title\n\n</figcaption>\n</figure>\n');
  });

  it('an <img> (or <image>) tag keeps its attributes, with only the width as style', () => {
    expect(attributes('<image src="/a.png" style="float: left">\n{: style="width: 40%"}')).toBe('\n<figure class="figure">\n<img style="width: 40%" src="/a.png">\n</figure>\n');
  });

  it('a list on a paragraph or table is dropped: quietly when harmless, else reported with its line', () => {
    const { body, warnings } = convertAttributeLists('Para\n{: .notice}\n\n{: class="info"}\n| a | b |\n|---|---|\n\n## H\n{:.no_toc}\n\nA caption\n{:.image-caption}');
    expect(body).toBe('Para\n\n| a | b |\n|---|---|\n\n## H\n\nA caption');
    expect(warnings).toEqual([
      { line: 2, message: '{: .notice} dropped: Quire has no class "notice" for this paragraph' },
      { line: 4, message: '{: class="info"} dropped: Quire has no class "info" for this table' },
      { line: 12, message: '{:.image-caption} dropped: a caption with no image right before it stays a paragraph' },
    ]);
  });

  it('inline lists after links and words go quietly', () => {
    expect(attributes('*word*{:.x} and [l](/l){:target="_blank"}')).toBe('*word* and [l](/l)');
  });

  it('heading ids are removed, and reported because links to them change', () => {
    expect(convertAttributeLists('## Old home {#old-home}\n\nText\n{: #para}\n')).toEqual({
      body: '## Old home\n\nText\n',
      warnings: [
        { line: 1, message: 'removed the kramdown id "old-home": a link to #old-home needs the heading\'s id in Quire (GitHub style, from its text)' },
        { line: 4, message: 'removed the kramdown id "para": a link to #para needs the heading\'s id in Quire (GitHub style, from its text)' },
      ],
    });
  });

  it('code blocks are left alone; Liquid-looking and ordinary braces are not kramdown', () => {
    const code = '```ruby\nopts = {: .x}\n{:toc}\n```\n';
    expect(attributes(`${code}{: .after}\n`)).toBe(code);
    expect(attributes('~~~\n## H {#id}\n~~~\n')).toBe('~~~\n## H {#id}\n~~~\n');
    expect(attributes('A set {a, b} and {{ x }} and a {:smile:} face')).toBe('A set {a, b} and {{ x }} and a {:smile:} face');
  });
});

describe('kramdown tables', () => {
  it('rule lines above the header and below the last row are removed', () => {
    expect(tables('Intro\n\n| --- | --- |\n| a | b |\n| --- | --- |\n| 1 | 2 |\n| --- | --- |\n\nAfter').body).toBe('Intro\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\nAfter');
    expect(tables(' |---|---|\n | a | b |\n |:--|--:|\n | 1 | 2 |\n |===|===|\n').body).toBe(' | a | b |\n |:--|--:|\n | 1 | 2 |\n');
  });

  it('GFM tables are left as they are', () => {
    expect(tables('| a | b |\n|---|---|\n| 1 | 2 |').body).toBe('| a | b |\n|---|---|\n| 1 | 2 |');
  });

  it('a table without a header row gets its first row as header, and says so', () => {
    expect(tables('\n|---|---|\n| a | b |\n| 1 | 2 |\n|---|---|')).toEqual({
      body: '\n| a | b |\n| --- | --- |\n| 1 | 2 |',
      warnings: [{ line: 3, message: 'this kramdown table has no header row: its first row is now the header (GFM tables need one)' }],
    });
  });
});
