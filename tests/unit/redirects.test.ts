import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { postSchema } from '../../src/content.config.ts';
import { formatSchemaIssues } from '../../src/diagnostics.ts';
import { collectRedirects, redirectOutputFiles, renderRedirectPage } from '../../src/site/redirects.ts';
import { all, attr, byTag, textOf, type Element } from '../../scripts/audit/html.ts';

const post = (slug: string, redirectFrom: string[]) => ({ slug, title: slug, file: `content/posts/${slug}.md`, redirectFrom });

describe('redirectFrom in front matter', () => {
  const errorsFor = (redirectFrom: unknown) => {
    const result = postSchema.safeParse({ title: 'T', redirectFrom });
    return result.success ? [] : formatSchemaIssues('content/posts/x.md', result.error.issues);
  };

  it('takes paths on this site', () => {
    expect(errorsFor(['/2023/01/31/my-essay.html', '/old/', '/a/b', '/.well-known/x', '/ünïcode/'])).toEqual([]);
  });

  it('says which entry is not a path, and why', () => {
    expect(errorsFor(['2023/x.html', 'https://old.example.com/x', '/a/../b', '//host/x', '/x?y=1'])).toEqual([
      'content/posts/x.md: redirectFrom.0: "2023/x.html" is not a path on this site (it must start with /, like /2023/01/31/my-essay.html)',
      'content/posts/x.md: redirectFrom.1: "https://old.example.com/x" is not a path on this site (it must start with /, like /2023/01/31/my-essay.html)',
      'content/posts/x.md: redirectFrom.2: "/a/../b" is not a path on this site (it must start with /, like /2023/01/31/my-essay.html)',
      'content/posts/x.md: redirectFrom.3: "//host/x" is not a path on this site (it must start with /, like /2023/01/31/my-essay.html)',
      'content/posts/x.md: redirectFrom.4: "/x?y=1" is not a path on this site (it must start with /, like /2023/01/31/my-essay.html)',
    ]);
    expect(errorsFor('/x.html')).toEqual(['content/posts/x.md: redirectFrom: must be a list of old URLs, like [/2023/01/31/my-essay.html]']);
  });
});

describe('redirect pages', () => {
  it('are written at exactly the old path; a folder path gets index.html', () => {
    expect(redirectOutputFiles('/2023/01/31/my-essay.html')).toEqual(['2023/01/31/my-essay.html']);
    expect(redirectOutputFiles('/liquid-notes/')).toEqual(['liquid-notes/index.html']);
  });

  it('an extensionless path gets the .html file Jekyll wrote and a folder index', () => {
    expect(redirectOutputFiles('/2023/my-essay')).toEqual(['2023/my-essay.html', '2023/my-essay/index.html']);
  });

  it('are collected from every post', () => {
    expect(collectRedirects([post('a', ['/2023/a.html', '/old-a/']), post('b', [])])).toEqual([
      { from: '/2023/a.html', outputFile: '2023/a.html', slug: 'a', title: 'a' },
      { from: '/old-a/', outputFile: 'old-a/index.html', slug: 'a', title: 'a' },
    ]);
  });

  it('stop the build when two posts claim one old path, or an old path is a page of the site', () => {
    expect(() => collectRedirects([post('a', ['/x.html']), post('b', ['/x.html'])])).toThrow(
      'content/posts/b.md: redirectFrom: "/x.html" is already redirected to content/posts/a.md',
    );
    expect(() => collectRedirects([post('a', ['/posts/b/']), post('b', [])])).toThrow('content/posts/a.md: redirectFrom: "/posts/b/" is a page of this site');
    expect(() => collectRedirects([post('a', ['/'])])).toThrow('"/" is a page of this site');
    expect(collectRedirects([post('a', ['/x.html', '/x.html'])])).toHaveLength(1);
  });

  it('are complete HTML documents that redirect at once, and say where to', () => {
    const html = renderRedirectPage({ to: '/blog/posts/a/', canonical: 'https://example.org/blog/posts/a/', title: 'Fish & "Chips" <1>', lang: 'en' });
    const document = parse(html) as unknown as Element;
    const [root] = byTag(document, 'html');
    expect(attr(root!, 'lang')).toBe('en');
    expect(textOf(byTag(document, 'title')[0]!)).toBe('Moved: Fish & "Chips" <1>');
    const meta = (name: string, value: string) => all(document, (el) => el.tagName === 'meta' && attr(el, name) === value)[0]!;
    expect(meta('charset', 'utf-8')).toBeDefined();
    expect(attr(meta('http-equiv', 'refresh'), 'content')).toBe('0; url=/blog/posts/a/');
    expect(attr(meta('name', 'robots'), 'content')).toBe('noindex');
    expect(attr(all(document, (el) => attr(el, 'rel') === 'canonical')[0]!, 'href')).toBe('https://example.org/blog/posts/a/');
    const [link] = byTag(document, 'a');
    expect([attr(link!, 'href'), textOf(link!)]).toEqual(['/blog/posts/a/', 'Fish & "Chips" <1>']);
  });
});
