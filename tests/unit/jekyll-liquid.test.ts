import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rewriteLiquid, type LiquidContext } from '../../scripts/jekyll/liquid.ts';
import { repoRoot } from '../support/paths.ts';

const context: LiquidContext = {
  postPath: (key) => ({ '2023-01-31-other': '/posts/other/' })[key],
  isStaticFile: (sitePath) => sitePath === 'assets/guide.pdf',
  site: { title: 'Jane’s Notes', url: 'https://jane.example.org', baseurl: '/blog', author: { name: 'Jane' } },
  page: { title: 'This post', mathjax: true, url: '/2023/02/01/this.html' },
  includesDir: path.join(repoRoot, 'tests', 'fixtures', 'jekyll-includes'),
};
const rewrite = (body: string) => rewriteLiquid(body, context);

describe('Liquid in a Jekyll post, evaluated as Jekyll does', () => {
  it('{% highlight %} becomes a fenced code block', () => {
    expect(rewrite('Before\n\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n\nAfter\n').body).toBe('Before\n\n```ruby\nputs 1\n```\n\nAfter\n');
    expect(rewrite('{%- highlight python -%}\nx = 1\n{%- endhighlight -%}\n').body).toBe('```python\nx = 1\n```');
  });

  it('keeps a fenced block intact when the code itself contains backticks, or sits in a list', () => {
    expect(rewrite('{% highlight md %}\n```js\nx\n```\n{% endhighlight %}').body).toBe('````md\n```js\nx\n```\n````');
    expect(rewrite('1. Run:\n\n   {% highlight sh %}\n   make\n   {% endhighlight %}\n').body).toBe('1. Run:\n\n   ```sh\n   make\n   ```\n');
    expect(rewrite('Text {% highlight sh %}make{% endhighlight %} more').body).toBe('Text \n```sh\nmake\n```\n more');
  });

  it('drops highlight options it cannot keep, and says so with the line', () => {
    const { body, warnings } = rewrite('Intro\n{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}');
    expect(body).toBe('Intro\n```ruby\nputs 1\n```');
    expect(warnings).toEqual([{ line: 2, message: 'highlight options dropped (linenos): Quire highlights code without line numbers or marked lines' }]);
  });

  it('post_url and link to a post become the post’s new address, with or without site.baseurl and an anchor', () => {
    expect(rewrite('[o]({% post_url 2023-01-31-other %}) [p]({{ site.baseurl }}{% post_url /drafts/2023-01-31-other %}#part)').body).toBe(
      '[o](/posts/other/) [p](/blog/posts/other/#part)',
    );
    expect(rewrite('[q]({{site.baseurl}} {% post_url 2023-01-31-other %})').body).toBe('[q](/blog /posts/other/)');
    expect(rewrite('[o]({% link _posts/2023-01-31-other.md %})').body).toBe('[o](/posts/other/)');
  });

  it('link to a static file becomes its path; to a page, it stays as written and is reported', () => {
    expect(rewrite('[g]({% link assets/guide.pdf %})').body).toBe('[g](/assets/guide.pdf)');
    expect(rewrite('[a]({% link about.md %})')).toEqual({
      body: '[a]({% link about.md %})',
      warnings: [{ line: 1, message: '{% link about.md %} links to a page of the Jekyll site, which is not imported: left as written' }],
    });
  });

  it('post_url to a post that is not imported stays as written, and is reported', () => {
    expect(rewrite('\n[x]({% post_url 2020-01-01-gone %})')).toEqual({
      body: '\n[x]({% post_url 2020-01-01-gone %})',
      warnings: [{ line: 2, message: '{% post_url 2020-01-01-gone %} names no imported post: left as written' }],
    });
  });

  it('site.* comes from _config.yml and page.* from the front matter', () => {
    expect(rewrite('{{ site.title }} by {{ site.author.name }}: {{ page.title | upcase }}{% if page.mathjax %} (math){% endif %}').body).toBe(
      'Jane’s Notes by Jane: THIS POST (math)',
    );
    // Links into the old site come out as Jekyll wrote them; links.ts maps them afterwards.
    expect(rewrite('![i]({{ site.baseurl }}/assets/i.png) [h]({{ site.url }}{{ site.baseurl }}) [me]({{ page.url }})').body).toBe(
      '![i](/blog/assets/i.png) [h](https://jane.example.org/blog) [me](/2023/02/01/this.html)',
    );
  });

  it('relative_url and absolute_url put the site’s baseurl (and url) in front, as Jekyll does', () => {
    expect(rewrite(`![i]({{ '/assets/i.png' | relative_url }}) ![j]({{ "assets/j.png" | absolute_url }}) {{ "https://x.org/a" | relative_url }}`).body).toBe(
      '![i](/blog/assets/i.png) ![j](https://jane.example.org/blog/assets/j.png) https://x.org/a',
    );
    expect(rewriteLiquid(`{{ '/a.png' | relative_url }} {{ site.baseurl }}`, { ...context, site: {} }).body).toBe('/a.png ');
  });

  it('{% include %} renders the site’s _includes file with include.* parameters', () => {
    expect(rewrite('{% include note.html content="Mind the gap." title=page.title %}').body).toBe(
      '<aside class="note"><strong>This post:</strong> Mind the gap. (Jane’s Notes)</aside>\n',
    );
  });

  it('{% raw %} keeps its text as it is; comments disappear', () => {
    expect(rewrite('{% raw %}{{ page.title }} {% include x %}{% endraw %}{% comment %}gone{% endcomment %}').body).toBe('{{ page.title }} {% include x %}');
    expect(rewrite('{% highlight liquid %}\n{% raw %}{% if a %}{{ b }}{% endif %}{% endraw %}\n{% endhighlight %}')).toEqual({
      body: '```liquid\n{% if a %}{{ b }}{% endif %}\n```',
      warnings: [],
    });
  });

  it('leaves an unknown tag, filter or variable as the author wrote it, reports its line, and evaluates the rest', () => {
    const source = 'Intro {{ page.title }}\n\n{% gist 1234 %}\n\nTitle: {{ page.title | shout }}\n\n$\\frac{1}{{n}}$ and {{ site.title }}\n';
    expect(rewrite(source)).toEqual({
      body: 'Intro This post\n\n{% gist 1234 %}\n\nTitle: {{ page.title | shout }}\n\n$\\frac{1}{{n}}$ and Jane’s Notes\n',
      warnings: [
        { line: 3, message: '{% gist 1234 %} left as written: Jekyll’s Liquid has no tag "gist" (a plugin’s?)' },
        { line: 5, message: '{{ page.title | shout }} left as written: Jekyll’s Liquid has no filter "shout" (a plugin’s?)' },
        { line: 7, message: '{{n}} left as written: n is not defined (not in _config.yml or the front matter)' },
      ],
    });
  });

  it('an include that is missing or fails is left as written, at the include’s line', () => {
    expect(rewrite('A\n{% include missing.html %}\n{% include broken.html %}\nB {{ page.title }}').warnings).toEqual([
      { line: 2, message: '{% include missing.html %} left as written: the included file fails: there is no _includes/missing.html' },
      { line: 3, message: '{% include broken.html %} left as written: the included file fails: Jekyll’s Liquid has no tag "youtube" (a plugin’s?)' },
    ]);
  });

  it('an unclosed {{ or {% is text, and lines after multi-line Liquid stay right', () => {
    expect(rewrite('a {{ b\n\nc {{ page.title }}')).toMatchObject({ body: 'a {{ b\n\nc {{ page.title }}' });
    expect(rewrite('{% unknown\n  spread="over lines" %}\n{{ nope }}').warnings.map((warning) => warning.line)).toEqual([1, 3]);
    expect(rewrite('{% if page.title %}open\n{{ page.title }}').body).toBe('{% if page.title %}open\nThis post');
  });

  it('counts lines inside highlight blocks too', () => {
    expect(rewrite('{% highlight ruby %}\nx\n{{ y }}\n{% endhighlight %}').warnings).toEqual([
      { line: 3, message: '{{ y }} left as written: y is not defined (not in _config.yml or the front matter)' },
    ]);
  });
});
