/** Characters no page, feed or XML parser accepts in text (tab and line breaks are fine). */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/;

/** The first control character in `text`, as `U+000B`, and where it is; undefined when there is none. */
export function findControlCharacter(text: string): { code: string; index: number; character: string } | undefined {
  const found = CONTROL_CHARACTER.exec(text);
  if (!found) return undefined;
  return { code: `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, index: found.index, character: found[0] };
}
