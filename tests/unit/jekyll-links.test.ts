import { describe, expect, it } from 'vitest';
import { rewriteSiteLinks, type LinkContext } from '../../scripts/jekyll/links.ts';

const context: LinkContext = {
  newPathForOldUrl: (url) => ({ '/2023/01/31/other.html': '/posts/other/', '/old/pretty/': '/posts/pretty/' })[url],
  isNewPostPath: (url) => url === '/posts/other/',
  isStaticFile: (sitePath) => ['assets/img.png', 'files/my paper.pdf'].includes(sitePath),
  siteUrl: 'https://jane.example.org',
  baseurl: '/blog',
};
const rewrite = (markdown: string) => rewriteSiteLinks(markdown, context);

describe('links in an imported post', () => {
  it('to a post’s old URL go to its new address, fragment kept', () => {
    expect(rewrite('[a](/2023/01/31/other.html#part) [b](/2023/01/31/other) [c](/old/pretty/index.html)').body).toBe(
      '[a](/posts/other/#part) [b](/posts/other/) [c](/posts/pretty/)',
    );
  });

  it('with a space Liquid left between the base and the path, as `{{ site.baseurl}} {% post_url %}` does', () => {
    expect(rewrite('[a](/blog /2023/01/31/other.html#part) [b](/ /2023/01/31/other.html) [c](/elsewhere /x/)').body).toBe(
      '[a](/posts/other/#part) [b](/posts/other/) [c](/elsewhere /x/)',
    );
  });

  it('including absolute ones to the old site, and ones with its baseurl', () => {
    expect(rewrite('[a](https://jane.example.org/blog/2023/01/31/other.html) [b](/blog/old/pretty/)').body).toBe('[a](/posts/other/) [b](/posts/pretty/)');
  });

  it('in reference definitions and raw HTML too', () => {
    expect(rewrite('[x][1]\n\n[1]: /2023/01/31/other.html "Other"\n<a href="/old/pretty/">p</a> <img src=\'/blog/assets/img.png\'>').body).toBe(
      '[x][1]\n\n[1]: /posts/other/ "Other"\n<a href="/posts/pretty/">p</a> <img src=\'/assets/img.png\'>',
    );
  });

  it('to files of the Jekyll site are kept and listed for copying', () => {
    const result = rewrite('![i](/assets/img.png "A title") [p](/files/my%20paper.pdf)');
    expect(result.body).toBe('![i](/assets/img.png "A title") [p](/files/my%20paper.pdf)');
    expect(result.files).toEqual(['assets/img.png', 'files/my paper.pdf']);
    expect(result.warnings).toEqual([]);
  });

  it('to anything else on the old site are left and reported', () => {
    expect(rewrite('[about](/about/)')).toEqual({
      body: '[about](/about/)',
      files: [],
      warnings: [{ line: 1, message: 'link "/about/" points to no imported post and no file of the Jekyll site: left as it is' }],
    });
  });

  it('lose the spaces around an address, and line breaks inside an HTML one, as browsers do', () => {
    expect(rewrite('![i]( /assets/img.png ) [t](/assets/img.png "T")\n<img src="/assets/img.png ">\n<img src="/assets/\nimg.png">').body).toBe(
      '![i](/assets/img.png) [t](/assets/img.png "T")\n<img src="/assets/img.png">\n<img src="/assets/img.png">',
    );
  });

  it('to other sites, relative paths, fragments, new addresses and code are left alone, silently', () => {
    const markdown = '[e](https://example.com/2023/01/31/other.html) [r](notes.html) [f](#top) [n](/posts/other/) [h](/)\n\n```\n[a](/2023/01/31/other.html)\n```\n';
    expect(rewrite(markdown)).toEqual({ body: markdown, files: [], warnings: [] });
  });
});
