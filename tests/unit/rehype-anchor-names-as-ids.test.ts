import { describe, expect, it } from 'vitest';
import { all, attr } from '../../scripts/audit/html.ts';
import { renderMarkdown } from '../support/render-markdown.ts';

describe('rehype-anchor-names-as-ids', () => {
  it('gives <a name> its name as id, in raw HTML on its own line and inline', async () => {
    const { fragment } = await renderMarkdown('<a name="part-2"></a>\n\nText with <a name=\'inline\'>a mark</a>.\n');
    const anchors = all(fragment, (el) => el.tagName === 'a');
    expect(anchors.map((a) => [attr(a, 'id'), attr(a, 'name')])).toEqual([
      ['part-2', undefined],
      ['inline', undefined],
    ]);
  });

  it('leaves a link, or an anchor that has an id, as written', async () => {
    const { fragment } = await renderMarkdown('<a name="x" href="/archive/">archive</a> and <a name="y" id="z"></a>\n');
    expect(all(fragment, (el) => el.tagName === 'a').map((a) => [attr(a, 'name'), attr(a, 'id')])).toEqual([
      ['x', undefined],
      ['y', 'z'],
    ]);
  });
});

describe('rehype-anchor-names-as-ids, before a heading of the same name', () => {
  it('leaves the id to the heading, so the page has it once', async () => {
    const { fragment } = await renderMarkdown('<a name="results"></a>\n## Results\n\nText.\n');
    const withId = all(fragment, (el) => attr(el, 'id') === 'results');
    expect(withId.map((el) => el.tagName)).toEqual(['h2']);
    expect(all(fragment, (el) => attr(el, 'name') !== undefined)).toEqual([]);
  });
});
