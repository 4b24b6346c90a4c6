import type { Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import rehypeBasePathLinks from '../../src/markdown/plugins/rehype-base-path-links.ts';

const run = (base: string, tree: Root) => {
  rehypeBasePathLinks({ base })(tree);
  return toHtml(tree);
};
const page = () =>
  h(null, [
    h('a', { href: '/posts/other/#part' }),
    h('img', { src: '/assets/img.png', srcSet: '/assets/img.png 1x,/assets/img@2x.png 2x' }),
    h('a', { href: 'https://example.com/x' }),
    h('a', { href: '//cdn.example.com/x' }),
    h('a', { href: '../sibling/' }),
    h('a', { href: '#top' }),
    h('a', { href: '/blog/posts/already/' }),
    h('a', { href: '/' }),
  ]) as Root;

describe('rehype-base-path-links', () => {
  it('puts the base path in front of links and images written from the site root', () => {
    expect(run('/blog/', page())).toBe(
      '<a href="/blog/posts/other/#part"></a><img src="/blog/assets/img.png" srcset="/blog/assets/img.png 1x, /blog/assets/img@2x.png 2x">' +
        '<a href="https://example.com/x"></a><a href="//cdn.example.com/x"></a><a href="../sibling/"></a><a href="#top"></a>' +
        '<a href="/blog/posts/already/"></a><a href="/blog/"></a>',
    );
  });

  it('changes nothing on a site served from the root', () => {
    const tree = page();
    const before = toHtml(tree);
    expect(run('/', tree)).toBe(before);
  });

  it('leaves a relative srcset alone and keeps candidates without descriptors', () => {
    expect(run('/blog/', h(null, [h('img', { srcSet: 'small.png 480w, /large.png' })]) as Root)).toBe('<img srcset="small.png 480w, /blog/large.png">');
  });

  it('reads an address with spaces around it or a line break inside as a browser does', () => {
    const tree = h(null, [h('img', { src: ' /assets/a.png ' }), h('a', { href: '/posts/\nother/' })]) as Root;
    expect(run('/blog/', tree)).toBe('<img src="/blog/assets/a.png"><a href="/blog/posts/other/"></a>');
  });
});

describe('rehype-base-path-links in HTML written in the essay', () => {
  it('puts the base path in front of root paths in raw HTML start tags, and nowhere else', () => {
    const raw = (value: string) => ({ type: 'root', children: [{ type: 'raw', value }] }) as unknown as Root;
    const tree = raw('<img src="/images/a.png" srcset="/images/a.png 1x, /images/a@2x.png 2x" alt="/not/a/url"><a href=/posts/x/>text /posts/y/</a> <a href="https://e.com/x">e</a>');
    rehypeBasePathLinks({ base: '/blog/' })(tree);
    expect((tree.children[0] as unknown as { value: string }).value).toBe(
      '<img src="/blog/images/a.png" srcset="/blog/images/a.png 1x, /blog/images/a@2x.png 2x" alt="/not/a/url"><a href=/blog/posts/x/>text /posts/y/</a> <a href="https://e.com/x">e</a>',
    );
  });
});
