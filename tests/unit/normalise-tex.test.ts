import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { normaliseTex } from '../../src/markdown/tex/normalise-tex.ts';

/** Whether KaTeX typesets `tex` (macros shared, as the plugin shares them within an essay). */
function katexAccepts(tex: string, macros: Record<string, string | object> = {}): boolean {
  try {
    katex.renderToString(tex, { throwOnError: true, strict: 'ignore', globalGroup: true, macros });
    return true;
  } catch {
    return false;
  }
}

describe('normaliseTex: TeX MathJax accepts, rewritten for KaTeX', () => {
  it.each([
    ['a command as a bare subscript', '\\tau_\\max = \\vert b-d \\vert', '\\tau_{\\max} = \\vert b-d \\vert'],
    ['a bare subscript after a space', 't_ \\min', 't_{\\min}'],
    ['a command with its argument as a bare superscript', 'Q^\\vec{\\mu}_i', 'Q^{\\vec{\\mu}}_i'],
    ['a two-argument command as a script', 'x^\\overset{a}{b}', 'x^{\\overset{a}{b}}'],
    ['a root with its optional argument', 'x^\\sqrt[3]{y}', 'x^{\\sqrt[3]{y}}'],
    ['a script command nested in one', 'e^\\hat{x_\\max}', 'e^{\\hat{x_{\\max}}}'],
    ['Markdown’s escaped star as a script', 'd_\\text{N}^\\*', 'd_\\text{N}^*'],
    ['an underscore in text', '\\mathcal{L}_\\text{style_fwd}', '\\mathcal{L}_\\text{style\\_fwd}'],
    [
      'an ampersand in text',
      '\\begin{aligned} a &\\approx b & \\text{; p & q are close.} \\end{aligned}',
      '\\begin{aligned} a &\\approx b & \\text{; p \\& q are close.} \\end{aligned}',
    ],
    ['a hash, percent and caret in text', '\\textbf{# 1 at 50% ^}', '\\textbf{\\# 1 at 50\\% \\textasciicircum{}}'],
    ['\\mbox, which KaTeX lacks', '\\mbox{for all } x', '\\text{for all } x'],
    ['plain TeX’s \\matrix', '\\matrix{a & b \\cr c & d}', '\\begin{matrix}a & b \\cr c & d\\end{matrix}'],
    ['plain TeX’s \\pmatrix', '\\pmatrix{1 & 0 \\cr 0 & 1}', '\\begin{pmatrix}1 & 0 \\cr 0 & 1\\end{pmatrix}'],
    ['MathJax’s \\require', '\\require{cancel} \\cancel{x}', ' \\cancel{x}'],
    ['\\DeclareMathOperator', '\\DeclareMathOperator*{\\argmax}{arg\\,max} \\argmax_x f', '\\gdef\\argmax{\\operatorname*{arg\\,max}} \\argmax_x f'],
    ['\\newcommand of a command KaTeX has', '\\newcommand{\\R}{\\mathbb{R}} x \\in \\R', '\\gdef\\R{\\mathbb{R}} x \\in \\R'],
    ['\\renewcommand with arguments', '\\renewcommand{\\vv}[2]{\\mathbf{#1}_{#2}} \\vv{x}{i}', '\\gdef\\vv#1#2{\\mathbf{#1}_{#2}} \\vv{x}{i}'],
  ])('rewrites %s', (_what, tex, rewritten) => {
    expect(katexAccepts(tex)).toBe(false);
    expect(normaliseTex(tex)).toBe(rewritten);
    expect(katexAccepts(rewritten)).toBe(true);
  });

  it('keeps a macro parameter in text a parameter', () => {
    const tex = '\\newcommand{\\R}[1]{\\text{#1 ##}} \\R{apples & pears}';
    expect(normaliseTex(tex)).toBe('\\gdef\\R#1{\\text{#1 ##}} \\R{apples & pears}');
  });

  it('leaves math inside text alone', () => {
    expect(normaliseTex('\\text{if $x_1 > 0$ and a_b}')).toBe('\\text{if $x_1 > 0$ and a\\_b}');
  });

  it('leaves TeX that is already right as it is', () => {
    for (const tex of [
      '\\sum_{i=1}^n x_i^2',
      'x_{\\max} + \\text{a\\_b}',
      '\\begin{aligned} a &= b \\\\ &= c \\end{aligned}',
      '\\gdef\\R{\\mathbb{R}}',
      'x_\\alpha^\\prime',
      '\\text{50\\%}',
    ]) {
      expect(normaliseTex(tex)).toBe(tex);
    }
  });

  it('rewrites nothing inside a comment or a command name', () => {
    expect(normaliseTex('x % y_\\max\n+ z')).toBe('x % y_\\max\n+ z');
    expect(normaliseTex('\\textmax_\\max')).toBe('\\textmax_{\\max}');
    expect(normaliseTex('a\\_\\max')).toBe('a\\_\\max');
  });

  it('leaves what it cannot read whole: an open brace, a \\newcommand with a default argument', () => {
    expect(normaliseTex('\\text{a_b')).toBe('\\text{a_b');
    expect(normaliseTex('x^\\vec')).toBe('x^\\vec');
    const withDefault = '\\newcommand{\\f}[2][x]{#1 + #2}';
    expect(normaliseTex(withDefault)).toBe(withDefault);
  });

  it('leaves a definition usable by the essay’s later formulas', () => {
    const macros = {};
    expect(katexAccepts(normaliseTex('\\newcommand{\\R}{\\mathbb{R}}'), macros)).toBe(true);
    expect(katexAccepts('x \\in \\R^n', macros)).toBe(true);
  });
});
