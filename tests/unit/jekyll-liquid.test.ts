import { describe, expect, it } from 'vitest';
import { rewriteLiquid, type LiquidContext } from '../../scripts/jekyll/liquid.ts';

const context: LiquidContext = {
  postPath: (key) => ({ '2023-01-31-other': '/posts/other/' })[key],
  isStaticFile: (sitePath) => sitePath === 'assets/guide.pdf',
};
const rewrite = (body: string) => rewriteLiquid(body, context);

describe('Liquid in a Jekyll post', () => {
  it('{% highlight %} becomes a fenced code block', () => {
    expect(rewrite('Before\n\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n\nAfter\n').body).toBe('Before\n\n```ruby\nputs 1\n```\n\nAfter\n');
    expect(rewrite('{%- highlight python -%}\nx = 1\n{%- endhighlight -%}\n').body).toBe('```python\nx = 1\n```\n');
  });

  it('keeps a fenced block intact when the code itself contains backticks, or sits in a list', () => {
    expect(rewrite('{% highlight md %}\n```js\nx\n```\n{% endhighlight %}').body).toBe('````md\n```js\nx\n```\n````');
    expect(rewrite('1. Run:\n\n   {% highlight sh %}\n   make\n   {% endhighlight %}\n').body).toBe('1. Run:\n\n   ```sh\n   make\n   ```\n');
    expect(rewrite('Text {% highlight sh %}make{% endhighlight %} more').body).toBe('Text \n```sh\nmake\n```\n more');
  });

  it('drops highlight options it cannot keep, and says so', () => {
    const { body, warnings } = rewrite('{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}');
    expect(body).toBe('```ruby\nputs 1\n```');
    expect(warnings).toEqual(['line 1: highlight options dropped (linenos): Quire highlights code without line numbers or marked lines']);
  });

  it('post_url and link to a post become the post’s new address', () => {
    expect(rewrite('[o]({% post_url 2023-01-31-other %}) [p]({{ site.baseurl }}{% post_url /drafts/2023-01-31-other %}#part)').body).toBe(
      '[o](/posts/other/) [p](/posts/other/#part)',
    );
    expect(rewrite('[o]({% link _posts/2023-01-31-other.md %})').body).toBe('[o](/posts/other/)');
  });

  it('link to a static file becomes its path; to a page, it stays and is reported', () => {
    expect(rewrite('[g]({% link assets/guide.pdf %})').body).toBe('[g](/assets/guide.pdf)');
    const { body, warnings } = rewrite('[a]({% link about.md %})');
    expect(body).toBe('[a]({% link about.md %})');
    expect(warnings).toEqual(['line 1: {% link about.md %} links to a page of the Jekyll site, which is not imported: left in place']);
  });

  it('post_url to a post that is not imported stays, and is reported', () => {
    const { body, warnings } = rewrite('[x]({% post_url 2020-01-01-gone %})');
    expect(body).toBe('[x]({% post_url 2020-01-01-gone %})');
    expect(warnings).toEqual(['line 1: {% post_url 2020-01-01-gone %} names no imported post: left in place']);
  });

  it('site.baseurl and site.url disappear before a path, and stand for the root on their own', () => {
    expect(rewrite('![i]({{ site.baseurl }}/assets/i.png) [h]({{ site.url }}{{ site.baseurl }}) [a]({{site.url}}/about/)').body).toBe(
      '![i](/assets/i.png) [h](/) [a](/about/)',
    );
  });

  it('relative_url and absolute_url on a literal path become that path from the root', () => {
    expect(rewrite(`![i]({{ '/assets/i.png' | relative_url }}) ![j]({{ "assets/j.png" | absolute_url }})`).body).toBe('![i](/assets/i.png) ![j](/assets/j.png)');
  });

  it('{% raw %} keeps its text as it is; comments disappear', () => {
    expect(rewrite('{% raw %}{{ page.title }} {% include x %}{% endraw %}{% comment %}gone{% endcomment %}').body).toBe('{{ page.title }} {% include x %}');
    expect(rewrite('{% highlight liquid %}\n{% raw %}{% if a %}{{ b }}{% endif %}{% endraw %}\n{% endhighlight %}')).toEqual({
      body: '```liquid\n{% if a %}{{ b }}{% endif %}\n```',
      warnings: [],
    });
  });

  it('leaves unknown Liquid in place and reports each with its line in the source file', () => {
    const source = 'Intro\n\n{% include note.html %}\n\nTitle: {{ page.title | upcase }}\n';
    const { body, warnings } = rewriteLiquid(source, context, 7);
    expect(body).toBe(source);
    expect(warnings).toEqual([
      'line 9: unknown Liquid left in place: {% include note.html %}',
      'line 11: unknown Liquid left in place: {{ page.title | upcase }}',
    ]);
  });

  it('counts lines inside highlight blocks too', () => {
    expect(rewriteLiquid('{% highlight ruby %}\nx\n{{ y }}\n{% endhighlight %}', context, 5).warnings).toEqual([
      'line 7: unknown Liquid left in place: {{ y }}',
    ]);
  });
});
