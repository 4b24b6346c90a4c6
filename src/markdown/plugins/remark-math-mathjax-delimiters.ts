import type { RootContent } from 'mdast';
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type {} from 'remark-math'; // its types add remark-math's nodes to mdast's
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import type { Processor } from 'unified';

type InlineMath = Extract<RootContent, { type: 'inlineMath' }>;

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    mathJaxText: 'mathJaxText';
    mathJaxTextSequence: 'mathJaxTextSequence';
    mathJaxTextData: 'mathJaxTextData';
  }
}

/**
 * Reads the math delimiters of essays written for MathJax, beside remark-math's `$…$`/`$$…$$`:
 * inline `\(…\)` and display `\[…\]`, and kramdown's escaped `\\(…\\)` and `\\[…\\]` (kramdown
 * turned `\\` into `\`, so MathJax saw `\(…\)` in the page). CommonMark reads `\(` as an escaped
 * `(`, so this is a micromark construct on the backslash that is tried before the character
 * escape. What it reads becomes remark-math's `inlineMath` node; the display forms are marked
 * `math-display` (remark-display-math-paragraphs makes one standing alone a display block).
 *
 * Two rules keep what the author meant:
 * - a single-backslash `\[` is math only at the start of a line: mid-sentence, `\[-1,1\]` is a
 *   kramdown author escaping a bracket;
 * - kramdown applied its backslash escapes before MathJax read `\\(h\_t\\)`, so those are
 *   resolved in the TeX of the double-backslash forms (`h_t`); `\(…\)` is taken as typed.
 */
export default function remarkMathMathjaxDelimiters(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(mathjaxDelimitersSyntax);
  (data.fromMarkdownExtensions ??= []).push(mathjaxDelimitersFromMarkdown);
}

const backslash = 92;
const closer = { '(': 41, '[': 93 } as const;

const mathjaxText: Construct = { name: 'mathJaxText', tokenize: tokenizeMathjaxText };

export const mathjaxDelimitersSyntax: Extension = { text: { [backslash]: mathjaxText } };

function tokenizeMathjaxText(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  let backslashes = 0;
  let bracket: keyof typeof closer = '(';
  let hasData = false;
  const startsLine = atLineStart(self);
  return open;

  function open(code: Code): State | undefined {
    if (code === backslash && backslashes < 2) {
      if (backslashes === 0) {
        effects.enter('mathJaxText');
        effects.enter('mathJaxTextSequence');
      }
      effects.consume(code);
      backslashes++;
      return open;
    }
    if (code !== 40 && code !== 91) return nok(code);
    bracket = code === 40 ? '(' : '[';
    if (bracket === '[' && backslashes === 1 && !startsLine) return nok(code);
    effects.consume(code);
    effects.exit('mathJaxTextSequence');
    return between;
  }

  function between(code: Code): State | undefined {
    if (code === null) return nok(code);
    if (code < -2) {
      effects.enter('lineEnding');
      effects.consume(code);
      effects.exit('lineEnding');
      return between;
    }
    if (code === backslash) return effects.attempt({ tokenize: tokenizeClose, partial: true }, close, escaped)(code);
    effects.enter('mathJaxTextData');
    return data(code);
  }

  function data(code: Code): State | undefined {
    if (code === null || code < -2 || code === backslash) {
      effects.exit('mathJaxTextData');
      return between(code);
    }
    hasData = true;
    effects.consume(code);
    return data;
  }

  /** A backslash that does not close: it and the character after it are TeX (`\\`, `\)` alone). */
  function escaped(code: Code): State | undefined {
    effects.enter('mathJaxTextData');
    effects.consume(code);
    hasData = true;
    return (next: Code) => {
      if (next === null || next < -2) {
        effects.exit('mathJaxTextData');
        return between(next);
      }
      effects.consume(next);
      return data;
    };
  }

  function close(code: Code): State | undefined {
    if (!hasData) return nok(code);
    effects.exit('mathJaxText');
    return ok(code);
  }

  function tokenizeClose(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    let seen = 0;
    return function sequence(code: Code): State | undefined {
      if (code === backslash && seen < backslashes) {
        if (seen === 0) effects.enter('mathJaxTextSequence');
        effects.consume(code);
        seen++;
        return sequence;
      }
      if (seen < backslashes || code !== closer[bracket]) return nok(code);
      effects.consume(code);
      effects.exit('mathJaxTextSequence');
      return ok;
    };
  }
}

/** Nothing but indentation between the start of the line and the construct. */
function atLineStart(context: TokenizeContext): boolean {
  const previous = context.previous;
  if (previous === null || previous < -2) return true;
  if (previous !== 32 && previous !== 9) return false;
  for (let index = context.events.length - 1; index >= 0; index--) {
    const [kind, token] = context.events[index]!;
    if (token.type === 'lineEnding') return true;
    if (kind === 'exit' && token.type !== 'linePrefix' && !/^[ \t]*$/.test(context.sliceSerialize(token))) return false;
  }
  return true;
}

export const mathjaxDelimitersFromMarkdown: FromMarkdownExtension = {
  enter: { mathJaxText: enterMathjaxText },
  exit: { mathJaxText: exitMathjaxText, mathJaxTextData: exitMathjaxTextData },
};

function enterMathjaxText(this: CompileContext, token: Token) {
  const node: InlineMath = { type: 'inlineMath', value: '' };
  this.enter(node, token);
  this.buffer();
}

function exitMathjaxTextData(this: CompileContext, token: Token) {
  this.config.enter.data!.call(this, token);
  this.config.exit.data!.call(this, token);
}

function exitMathjaxText(this: CompileContext, token: Token) {
  const typed = this.resume();
  const node = this.stack[this.stack.length - 1] as InlineMath;
  const opening = this.sliceSerialize(token).slice(0, 3);
  const kramdown = opening.startsWith('\\\\');
  const display = opening.replace(/^\\+/, '').startsWith('[');
  this.exit(token);
  node.value = kramdown ? resolveMarkdownEscapes(typed) : typed;
  node.data = {
    hName: 'code',
    hProperties: { className: ['language-math', display ? 'math-display' : 'math-inline'] },
    hChildren: [{ type: 'text', value: node.value }],
  };
}

/** What kramdown left of `\_`, `\*`, `\\` and the other escapable ASCII punctuation. */
export function resolveMarkdownEscapes(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
