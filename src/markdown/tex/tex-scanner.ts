/**
 * Reading TeX source the way MathJax's TeX input reads it, just far enough to find a command,
 * its arguments and the end of a braced group: the few primitives that normalise-tex.ts needs to
 * rewrite TeX without a full parser. Every function takes the source and an index and returns the
 * index just past what it read, or -1 when the source ends first (an unbalanced brace).
 */

/** `\name` (letters) or `\c` (one other character), starting at the backslash at `start`. */
export function readControlSequence(tex: string, start: number): number {
  let end = start + 1;
  if (end >= tex.length) return end;
  if (!isLetter(tex[end]!)) return end + 1;
  while (end < tex.length && isLetter(tex[end]!)) end++;
  return end;
}

/**
 * The group opened by the `{` at `start`, through its matching `}`. As in MathJax's argument
 * reader, `\{` and `\}` do not count and `%` is no comment: `\text{50%}` is a group.
 */
export function readGroup(tex: string, start: number): number {
  let depth = 0;
  for (let i = start; i < tex.length; i++) {
    const char = tex[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** An undelimited macro argument: a braced group, a control sequence or one character. */
export function readArgument(tex: string, start: number): number {
  const at = skipSpaces(tex, start);
  if (at >= tex.length) return -1;
  if (tex[at] === '{') return readGroup(tex, at);
  if (tex[at] === '\\') return readControlSequence(tex, at);
  if (tex[at] === '}') return -1;
  return at + 1;
}

/** An optional `[…]` argument, or `start` itself when there is none. */
export function readOptionalArgument(tex: string, start: number): number {
  const at = skipSpaces(tex, start);
  if (tex[at] !== '[') return start;
  let depth = 0;
  for (let i = at + 1; i < tex.length; i++) {
    const char = tex[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}') depth--;
    else if (char === ']' && depth === 0) return i + 1;
  }
  return -1;
}

export function skipSpaces(tex: string, start: number): number {
  let at = start;
  while (at < tex.length && /\s/.test(tex[at]!)) at++;
  return at;
}

/** A `%` comment runs to the end of its line (the newline is kept). */
export function readComment(tex: string, start: number): number {
  const end = tex.indexOf('\n', start);
  return end === -1 ? tex.length : end;
}

/** `{…}` → `…`; anything else is returned as it is. */
export function withoutBraces(argument: string): string {
  const trimmed = argument.trim();
  return trimmed.startsWith('{') && trimmed.endsWith('}') ? trimmed.slice(1, -1) : trimmed;
}

function isLetter(char: string): boolean {
  return (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');
}
