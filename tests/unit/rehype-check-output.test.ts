import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEssayRenderer, rendererSettings } from '../../src/markdown/render/essay-renderer.ts';
import type { Finding } from '../../src/markdown/findings.ts';
import { shikiConfig } from '../../src/markdown/pipeline.ts';
import { readSeed } from '../../bench/corpus.ts';
import { repoRoot } from '../support/paths.ts';

const renderer = createEssayRenderer(
  rendererSettings({
    image: { domains: [], remotePatterns: [] },
    markdown: { syntaxHighlight: { type: 'shiki', excludeLangs: ['math'] }, shikiConfig, gfm: true, smartypants: true },
  }),
);

/** The findings of rendering `body`, as `line:column rule: message` for readable failures. */
async function findingsOf(body: string, data: Record<string, unknown> = {}): Promise<Finding[]> {
  const rendered = await (await renderer).render({ filePath: path.join(repoRoot, 'content/posts/x.md'), body, data });
  return rendered.findings;
}
const brief = (findings: Finding[]) => findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.message.split(':')[0]}`);

describe('rehype-check-output: broken output is found and located', () => {
  it('finds nothing in the seed essay', async () => {
    expect(await findingsOf(readSeed().body.trim())).toEqual([]);
  });

  it('finds nothing in code, however template-like', async () => {
    const body = ['Inline `{{ site.url }}` and `{% raw %}` and `$$`.', '', '```liquid', '{% post_url x %} ![a](b) \\(x\\)', '## not a heading', '```'].join('\n');
    expect(await findingsOf(body)).toEqual([]);
  });

  it('finds Markdown that an HTML block kept as text, at its line', async () => {
    const body = ['Intro.', '', '<div class="note">', '## Not a heading', 'See ![a chart](chart.png) here.', '</div>'].join('\n');
    const findings = await findingsOf(body);
    expect(brief(findings)).toEqual(['4:1 error A Markdown heading was published as text', '5:5 error A Markdown image was published as text']);
    expect(findings.every((f) => f.rule === 'broken-output')).toBe(true);
  });

  it('finds Liquid left in text and in addresses', async () => {
    const body = ['Read {% post_url 2019-01-01-old %} first.', '', 'Or [this]({{site.baseurl}}/about/).', '', 'And [that]({{ site.baseurl }}/x/).'].join('\n');
    const messages = (await findingsOf(body)).map((f) => `${f.line}:${f.column} ${f.message}`);
    expect(messages[0]).toMatch(/^1:6 A Liquid tag was published as text: `\{% post_url 2019-01-01-old %\}`/);
    expect(messages[1]).toMatch(/^3:11 Liquid in the href of a <a> was published as it is/);
    // With spaces inside, the destination is no destination: the link itself is left as text.
    expect(messages[2]).toMatch(/^5:5 A Markdown link was published as text: `\[that\]\(\{\{ site.baseurl \}\}\/x\/\)`/);
    expect(messages[3]).toMatch(/^5:12 A Liquid expression was published as text/);
    expect(messages).toHaveLength(4);
  });

  it('finds MathJax delimiters and kramdown attribute lists left as text', async () => {
    const body = ['<p>Inline \\(x^2\\) math.</p>', '', 'A caption.', '{: .image-caption}'].join('\n');
    const messages = (await findingsOf(body)).map((f) => `${f.line}:${f.column} ${f.message.split(':')[0]}`);
    expect(messages, messages.join('\n')).toContain('1:11 A MathJax delimiter was published as text');
    expect(messages).toContain('4:1 A kramdown attribute list was published as text');
    expect(messages).toHaveLength(2);
  });

  it('finds a <style> element, which would restyle the whole site', async () => {
    const findings = await findingsOf(['Text.', '', '<style>', 'body { color: red }', '</style>'].join('\n'));
    expect(brief(findings)).toEqual(['3:1 error a <style> element in an essay restyles every page of the site']);
  });

  it('finds URLs that run code as the browser reads them, wherever HTML puts a URL', async () => {
    const body = [
      '<a href="java&Tab;script:alert(1)//x/../../../">tab</a>',
      '<form action="javascript:alert(2)"><button formaction="JaVaScRiPt:alert(3)">go</button></form>',
      '<object data="data:text/html,<script>alert(4)</script>"></object>',
      '<iframe srcdoc="<script>alert(5)</script>"></iframe>',
      '<meta http-equiv="refresh" content="0;url=javascript:alert(6)">',
      '<img src="/a.png" alt="" onerror="alert(7)">',
      '',
      'Fine: <img src="data:image/png;base64,iVBORw0KGgo=" alt="dot"> and [a link](https://example.com/).',
    ].join('\n');
    const findings = await findingsOf(body);
    expect(findings.map((f) => `${f.line} ${f.rule} ${f.severity} ${f.message.split(':')[0]}`), findings.map((f) => f.message).join('\n')).toEqual([
      '1 unsafe-url error a javascript',
      '2 unsafe-url error a javascript',
      '2 unsafe-url error a javascript',
      '3 unsafe-url error a data',
      '4 unsafe-url error an <iframe srcdoc> puts a page of its own, scripts included, inside the essay',
      '5 unsafe-url error a <meta http-equiv="refresh"> in an essay sends readers elsewhere',
      '6 unsafe-url error an event handler attribute (onerror) on a <img> would run code on the reader\'s page',
    ]);
  });
});

describe('rehype-check-output: characters no page or feed may hold', () => {
  it('finds a control character pasted into the text, at its place', async () => {
    const findings = await findingsOf('A line with a stray \u000b in it.\n');
    expect(findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.message}`)).toEqual([
      '1:21 error an invisible control character (U+000B) is in the text; feeds and browsers refuse it: delete it',
    ]);
  });
});

describe('rehype-check-output: what to do about it', () => {
  it('blames the address, not the blank lines, for a link whose address has spaces', async () => {
    const [finding] = await findingsOf('Read [a classic essay](A Classic Essay) by its author.\n');
    expect(finding?.message).toBe(
      'A Markdown link was published as text: `[a classic essay](A Classic Essay)`. Its address has spaces, so Markdown reads no link: write the address itself (or put it in <…>).',
    );
  });
});
