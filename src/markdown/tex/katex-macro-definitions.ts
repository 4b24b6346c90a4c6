import type { KatexMacros } from './typeset-with-katex.ts';

/** A macro as KaTeX stores a `\def` or `\newcommand`: its body's tokens, last first. */
interface StoredMacro {
  tokens: { text: string }[];
  numArgs: number;
  delimiters?: string[][];
}

/**
 * The essay's macros that KaTeX has collected, written back as TeX `\def`s for MathJax, so an
 * expression only MathJax can typeset still knows the `\newcommand`s of the expressions before it.
 * KaTeX's internal macros (`\df@tag`, with an `@`) and ones it cannot hand back as TeX are left out.
 */
export function katexMacroDefinitions(macros: KatexMacros): string {
  let definitions = '';
  for (const [name, macro] of Object.entries(macros)) {
    if (!/^\\([a-zA-Z]+|[^a-zA-Z@])$/.test(name)) continue;
    if (typeof macro === 'string') {
      const parameters = Math.max(0, ...Array.from(macro.matchAll(/#([1-9])/g), (match) => Number(match[1])));
      definitions += `\\def${name}${parameterText(parameters)}{${macro}}`;
    } else if (isStoredMacro(macro)) {
      definitions += `\\def${name}${parameterText(macro.numArgs, macro.delimiters)}{${tokensAsTex([...macro.tokens].reverse())}}`;
    }
  }
  return definitions;
}

function parameterText(count: number, delimiters: string[][] = []): string {
  let text = (delimiters[0] ?? []).join('');
  for (let n = 1; n <= count; n++) text += `#${n}${(delimiters[n] ?? []).join('')}`;
  return text;
}

/** Tokens back to source: a control word keeps a space before a letter (`\alpha x`, not `\alphax`). */
function tokensAsTex(tokens: { text: string }[]): string {
  let tex = '';
  for (const { text } of tokens) {
    if (/\\[a-zA-Z]+$/.test(tex) && /^[a-zA-Z]/.test(text)) tex += ' ';
    tex += text;
  }
  return tex;
}

function isStoredMacro(macro: unknown): macro is StoredMacro {
  if (typeof macro !== 'object' || macro === null) return false;
  const { tokens, numArgs } = macro as Partial<StoredMacro>;
  return Array.isArray(tokens) && typeof numArgs === 'number' && tokens.every((token) => typeof token?.text === 'string');
}
