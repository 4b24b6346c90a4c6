import type { Root, RootContent } from 'mdast';
import type {} from 'remark-math'; // its types add remark-math's nodes to mdast's
import type {} from 'micromark-extension-math'; // its types add the `mathFlow` tokens to micromark's
import type { Code, Construct, Effects, Extension, State, TokenizeContext, TokenType } from 'micromark-util-types';
import type { Processor } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

type Math = Extract<RootContent, { type: 'math' }>;

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    /** `{#eq-x}` after a closing `$$`: read from the source by remark-equation-labels. */
    mathFlowFenceAttributes: 'mathFlowFenceAttributes';
  }
}

/**
 * Reads a `$$` line as kramdown essays meant it, in place of remark-math's `$$` fence (add it
 * after remark-math; the `math` nodes and their HTML are remark-math's):
 *
 * - a `$$` line does not interrupt a paragraph that has an unclosed `$$`: it closes that
 *   paragraph's formula (`text $$` / `a = b` / `$$`), where remark-math opened a fence that
 *   turned the rest of the essay into TeX;
 * - a closing `$$` may be followed by inline HTML on its line (`$$<br/>`), which stays HTML
 *   after the formula; remark-math's fence never closed there either;
 * - the formula may continue on lines indented less than its list item (`    - $$` with its TeX
 *   at four spaces), as kramdown read them, until a blank line;
 * - a `$$` with TeX after it on its line (`$$ a +` / `b $$`) opens no fence (remark-math read
 *   the TeX as the fence's meta): it is a paragraph's formula, as in kramdown;
 * - a closing `$$` may be followed by an attribute block that starts with an id, Quarto's
 *   `$$ {#eq-x}`, which remark-equation-labels reads; remark-math's fence never closed there.
 *
 * Display math that is still never closed is reported (`math-unclosed`).
 */
export default function remarkDisplayMathFences(this: Processor) {
  (this.data().micromarkExtensions ??= []).push(displayMathFencesSyntax);
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    visit(tree, 'math', (node: Math) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const lines = source.slice(start, end).split(/\r?\n|\r/);
      if (!lines[0]!.startsWith('$$') || (lines.length > 1 && /^[\s>]*\$\$+\s*(\\?\{\s*#[^{}]*\}\s*)?$/.test(lines.at(-1)!))) return;
      file.message(
        `\`$$\` on line ${node.position!.start.line} opens display math that is never closed, so everything after it up to line ${node.position!.end.line} is read as TeX: end the formula with \`$$\` on a line of its own`,
        { place: node.position, ruleId: 'math-unclosed', source: 'quire' },
      );
    });
  };
}

const dollar = 36;
const lessThan = 60;
const backslash = 92;
const leftBrace = 123;
const rightBrace = 125;
const numberSign = 35;

const displayMathFence: Construct = { name: 'displayMathFence', tokenize: tokenizeDisplayMathFence, concrete: true };

/** remark-math's `mathFlow` is switched off by name; this construct takes its place. */
export const displayMathFencesSyntax: Extension = {
  flow: { [dollar]: displayMathFence },
  disable: { null: ['mathFlow'] },
};

function isLineEnding(code: Code): boolean {
  return code !== null && code < -2;
}

function isSpace(code: Code): boolean {
  return code === -2 || code === -1 || code === 32 || code === 9;
}

/** Up to `max` - 1 spaces as a `type` token, then `next`. */
function spaces(effects: Effects, next: State, type: TokenType, max = Infinity): State {
  let size = 0;
  return function start(code: Code) {
    if (isSpace(code) && size + 1 < max) {
      if (size === 0) effects.enter(type);
      size++;
      effects.consume(code);
      return start;
    }
    if (size > 0) effects.exit(type);
    return next(code);
  };
}

function tokenizeDisplayMathFence(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  const tail = self.events.at(-1);
  const initialSize = tail && tail[1].type === 'linePrefix' ? tail[2].sliceSerialize(tail[1], true).length : 0;
  let sizeOpen = 0;
  let blankLineSeen = false;
  return start;

  function start(code: Code): State | undefined {
    if (self.interrupt && paragraphHasOpenDollars(self)) return nok(code);
    effects.enter('mathFlow');
    effects.enter('mathFlowFence');
    effects.enter('mathFlowFenceSequence');
    return sequenceOpen(code);
  }

  function sequenceOpen(code: Code): State | undefined {
    if (code === dollar) {
      effects.consume(code);
      sizeOpen++;
      return sequenceOpen;
    }
    if (sizeOpen < 2) return nok(code);
    effects.exit('mathFlowFenceSequence');
    return spaces(effects, metaBefore, 'whitespace')(code);
  }

  /** TeX after the opening `$$` (`$$ a +` / `b $$`) is a paragraph's formula, not a fence. */
  function metaBefore(code: Code): State | undefined {
    if (code === null || isLineEnding(code)) return metaAfter(code);
    return nok(code);
  }

  function metaAfter(code: Code): State | undefined {
    effects.exit('mathFlowFence');
    if (self.interrupt) return ok(code);
    return atLineEnd(code);
  }

  function atLineEnd(code: Code): State | undefined {
    if (code === null) return after(code);
    return effects.attempt({ tokenize: tokenizeContinuation, partial: true }, lineStart, after)(code);
  }

  function lineStart(code: Code): State | undefined {
    return effects.attempt({ tokenize: tokenizeClosingFence, partial: true }, ok, contentStart)(code);
  }

  function contentStart(code: Code): State | undefined {
    return (initialSize ? spaces(effects, contentChunkStart, 'linePrefix', initialSize + 1) : contentChunkStart)(code);
  }

  function contentChunkStart(code: Code): State | undefined {
    if (code === null || isLineEnding(code)) {
      blankLineSeen = true;
      return atLineEnd(code);
    }
    effects.enter('mathFlowValue');
    return contentChunk(code);
  }

  function contentChunk(code: Code): State | undefined {
    if (code === null || isLineEnding(code)) {
      effects.exit('mathFlowValue');
      return atLineEnd(code);
    }
    effects.consume(code);
    return contentChunk;
  }

  function after(code: Code): State | undefined {
    effects.exit('mathFlow');
    return ok(code);
  }

  /** The next line belongs to the formula: not lazy, or lazy before any blank line. */
  function tokenizeContinuation(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    const context = this;
    return (code: Code) => {
      effects.enter('lineEnding');
      effects.consume(code);
      effects.exit('lineEnding');
      return (next: Code) => (context.parser.lazy[context.now().line] && blankLineSeen ? nok(next) : ok(next));
    };
  }

  /**
   * `$$`, then the end of the line, an attribute block (`{#eq-x}`), or inline HTML, which becomes
   * an `html` node after the math.
   */
  function tokenizeClosingFence(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    let size = 0;
    return spaces(effects, sequenceStart, 'linePrefix', 4);

    function sequenceStart(code: Code): State | undefined {
      effects.enter('mathFlowFence');
      effects.enter('mathFlowFenceSequence');
      return sequence(code);
    }

    function sequence(code: Code): State | undefined {
      if (code === dollar) {
        size++;
        effects.consume(code);
        return sequence;
      }
      if (size < sizeOpen) return nok(code);
      effects.exit('mathFlowFenceSequence');
      return spaces(effects, sequenceAfter, 'whitespace')(code);
    }

    function sequenceAfter(code: Code): State | undefined {
      // MDX authors escape the brace, `\{#eq-x}`, as everywhere else in MDX.
      if (code === leftBrace || code === backslash) {
        effects.enter('mathFlowFenceAttributes');
        effects.consume(code);
        return code === backslash ? attributesBrace : attributesStart;
      }
      if (code !== null && !isLineEnding(code) && code !== lessThan) return nok(code);
      effects.exit('mathFlowFence');
      effects.exit('mathFlow');
      if (code !== lessThan) return ok(code);
      effects.enter('htmlFlow');
      effects.enter('htmlFlowData');
      effects.consume(code);
      return tagName;
    }

    function attributesBrace(code: Code): State | undefined {
      if (code !== leftBrace) return nok(code);
      effects.consume(code);
      return attributesStart;
    }

    /** An attribute block starts with its id: `{#eq-x …}`. */
    function attributesStart(code: Code): State | undefined {
      if (isSpace(code)) {
        effects.consume(code);
        return attributesStart;
      }
      return code === numberSign ? attributes(code) : nok(code);
    }

    function attributes(code: Code): State | undefined {
      if (code === null || isLineEnding(code) || code === leftBrace) return nok(code);
      effects.consume(code);
      if (code !== rightBrace) return attributes;
      effects.exit('mathFlowFenceAttributes');
      return spaces(effects, attributesAfter, 'whitespace');
    }

    function attributesAfter(code: Code): State | undefined {
      if (code !== null && !isLineEnding(code)) return nok(code);
      effects.exit('mathFlowFence');
      effects.exit('mathFlow');
      return ok(code);
    }

    function tagName(code: Code): State | undefined {
      const letter = code !== null && ((code >= 65 && code <= 90) || (code >= 97 && code <= 122));
      if (!letter && code !== 47 && code !== 33) return nok(code);
      return html(code);
    }

    function html(code: Code): State | undefined {
      if (code === null || isLineEnding(code)) {
        effects.exit('htmlFlowData');
        effects.exit('htmlFlow');
        return ok(code);
      }
      effects.consume(code);
      return html;
    }
  }
}

/**
 * Whether the paragraph this `$$` line would interrupt has an odd number of `$$`: then the line
 * closes the paragraph's own formula, as it did in kramdown.
 */
function paragraphHasOpenDollars(context: TokenizeContext): boolean {
  for (let index = context.events.length - 1; index >= 0; index--) {
    const [kind, token] = context.events[index]!;
    if (token.type !== 'content') continue;
    if (kind === 'exit') return false;
    const text = context.sliceSerialize({ start: token.start, end: context.now() } as typeof token);
    return (text.replace(/\\[\s\S]/g, '').match(/\$\$/g) ?? []).length % 2 === 1;
  }
  return false;
}
