/**
 * Numbered cross-references, as Quarto writes them: a figure, table, display equation or section
 * labelled `{#fig-…}`, `{#tbl-…}`, `{#eq-…}` or `{#sec-…}`, and referred to as `@fig-…` in the
 * text, which reads "Figure 2"; and Pandoc's attribute blocks that carry the labels. Pure
 * functions, shared by the plugins that label, number and link, and by the outline the checks read.
 */

/** What a label's prefix says it labels. */
export type CrossReferenceKind = 'fig' | 'tbl' | 'eq' | 'sec';

/** How each kind is named in a reference ("Figure 2") and what it labels. */
export const CROSS_REFERENCE_KINDS: Readonly<Record<CrossReferenceKind, { name: string; labels: string }>> = {
  fig: { name: 'Figure', labels: 'a figure' },
  tbl: { name: 'Table', labels: 'a table' },
  eq: { name: 'Equation', labels: 'a display equation' },
  sec: { name: 'Section', labels: 'a heading' },
};

/** What may follow the prefix: letters, digits and `_`, with `-`, `.` or `:` inside (as a reference id). */
const NAME = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_.:-]*[\p{L}\p{N}_])?`;

/** A whole label: `fig-results`, `eq-loss.2`. */
export const LABEL_PATTERN = new RegExp(`^(?:fig|tbl|eq|sec)-${NAME}$`, 'u');

/**
 * A reference in the text: `@fig-x`, or `[@fig-x]`, which reads the same. The prefix may be
 * capitalised (`@Fig-x`: Quarto's way to ask for a capital; the names here always have one). The
 * `@` must not follow a letter or digit, so `someone@sec-ops.example` is not a reference.
 * Groups: 1 the label of the bracketed form, 2 the label of the bare one.
 */
export const CROSS_REFERENCE_PATTERN = new RegExp(
  String.raw`\[@((?:[Ff]ig|[Tt]bl|[Ee]q|[Ss]ec)-${NAME})\]|(?<![\p{L}\p{N}_@])@((?:[Ff]ig|[Tt]bl|[Ee]q|[Ss]ec)-${NAME})`,
  'gu',
);

/** The kind a label's prefix names (`fig-x` → `fig`), or undefined for an id with no such prefix. */
export function crossReferenceKind(label: string): CrossReferenceKind | undefined {
  const prefix = /^(fig|tbl|eq|sec)-/.exec(label)?.[1];
  return prefix as CrossReferenceKind | undefined;
}

/** The label a reference names: `Fig-x` → `fig-x`. */
export function referencedLabel(written: string): string {
  return written.charAt(0).toLowerCase() + written.slice(1);
}

/** Kept together on one line: "Figure 2", never "Figure" at a line's end and "2" on the next. */
const NBSP = '\u00a0';

/** What a reference reads: "Figure 2", "Table 1", "Equation (3)", "Section 2.1". */
export function referenceText(kind: CrossReferenceKind, number: string): string {
  return `${CROSS_REFERENCE_KINDS[kind].name}${NBSP}${kind === 'eq' ? `(${number})` : number}`;
}

/** What a numbered caption starts with: "Figure 2: ", or "Figure 2" for a caption with no text. */
export function captionPrefix(kind: 'fig' | 'tbl', number: string, hasText: boolean): string {
  return `${CROSS_REFERENCE_KINDS[kind].name}${NBSP}${number}${hasText ? ': ' : ''}`;
}

/**
 * Section numbers as Pandoc's `number-sections` gives them: the essay's highest heading level
 * counts 1, 2, 3; each level below counts within its section (2.1, 2.1.1); a level skipped or a
 * heading before the first top-level one counts as 0 (`1.0.1`, `0.1`). `depths` are the headings'
 * levels in reading order.
 */
export function sectionNumbers(depths: readonly number[]): string[] {
  if (depths.length === 0) return [];
  const top = Math.min(...depths);
  const counters: number[] = [];
  return depths.map((depth) => {
    const level = depth - top;
    for (let i = 0; i < level; i++) counters[i] ??= 0;
    counters[level] = (counters[level] ?? 0) + 1;
    counters.length = level + 1;
    return counters.join('.');
  });
}

/** A Pandoc attribute block, read. */
export interface AttributeBlock {
  id?: string;
  classes: string[];
  /** `key=value` pairs, in order. */
  attributes: [string, string][];
  /** `{-}`: Pandoc's shorthand for `.unnumbered`. */
  unnumbered: boolean;
  /** The block as written, braces included. */
  written: string;
  /** Where it starts in the text it was found in. */
  index: number;
}

const TOKEN = /[ \t]*(?:#([^\s{}"'=]+)|\.([^\s{}"'=#.][^\s{}"'=]*)|([A-Za-z_][\w:.-]*)=(?:"([^"]*)"|'([^']*)'|([^\s{}"']+))|(-))(?=[ \t]|$)/y;

/**
 * The attribute block that ends `text` (`Title {#sec-x}`), or undefined when the text does not
 * end with one. Only Pandoc's syntax counts (`#id`, `.class`, `key=value`, `-`), so braces that
 * are prose or TeX (`{a, b}`, `{}`) are not taken for one.
 */
export function trailingAttributeBlock(text: string): AttributeBlock | undefined {
  const match = /\{([^{}\n]*)\}[ \t]*$/.exec(text);
  if (!match) return undefined;
  const inner = match[1]!;
  const block: AttributeBlock = { classes: [], attributes: [], unnumbered: false, written: `{${inner}}`, index: match.index };
  TOKEN.lastIndex = 0;
  let tokens = 0;
  while (TOKEN.lastIndex < inner.trimEnd().length) {
    const token = TOKEN.exec(inner);
    if (!token) return undefined;
    tokens++;
    const [, id, className, key, doubleQuoted, singleQuoted, bare, dash] = token;
    if (id !== undefined) block.id ??= id;
    else if (className !== undefined) block.classes.push(className);
    else if (key !== undefined) block.attributes.push([key, doubleQuoted ?? singleQuoted ?? bare ?? '']);
    else if (dash !== undefined) block.unnumbered = true;
  }
  return tokens > 0 ? block : undefined;
}
