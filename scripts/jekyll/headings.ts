import { mapProse } from './code-fences.ts';
import type { SourceWarning } from './source-lines.ts';

const ATX_HEADING = /^( {0,3})(#{1,6})(?=[ \t]|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
/** A line that can be the text of a setext heading (not a list item, quote, table row, tag…). */
const SETEXT_TEXT = /^ {0,3}(?![-*+>|<#]|\d+[.)]\s|\s*$)\S/;

/**
 * Quire shows an essay's title as the page's one `<h1>`. A post whose sections are `#` headings
 * (h1) has every heading moved down one level (`#` → `##`, …; `######` stays), so that its
 * outline sits under the title; the report says so once, at the first `#`. Setext headings
 * (`Title` over `===` or `---`) are written as `##`/`###` when that happens.
 */
export function demoteHeadings(markdown: string): { body: string; warnings: SourceWarning[] } {
  let firstH1: number | undefined;
  mapProse(markdown, (prose, firstLine) => {
    const lines = prose.split('\n');
    lines.forEach((line, index) => {
      const isH1 = ATX_HEADING.exec(line)?.[2] === '#' || (/^ {0,3}=+[ \t]*$/.test(line) && index > 0 && SETEXT_TEXT.test(lines[index - 1]!) && (index < 2 || lines[index - 2]!.trim() === ''));
      if (isH1 && firstH1 === undefined) firstH1 = firstLine + index - (ATX_HEADING.test(line) ? 0 : 1);
    });
    return prose;
  });
  if (firstH1 === undefined) return { body: markdown, warnings: [] };

  const body = mapProse(markdown, (prose) => {
    const lines = prose.split('\n');
    const output: string[] = [];
    for (const [index, line] of lines.entries()) {
      const atx = ATX_HEADING.exec(line);
      if (atx) {
        output.push(atx[2]!.length < 6 ? line.replace(ATX_HEADING, `$1#$2`) : line);
        continue;
      }
      const underline = SETEXT_UNDERLINE.exec(line);
      const previous = output.at(-1);
      if (underline && previous !== undefined && SETEXT_TEXT.test(previous) && (index < 2 || lines[index - 2]!.trim() === '')) {
        output[output.length - 1] = `${underline[1]!.startsWith('=') ? '##' : '###'} ${previous.trim()}`;
        continue;
      }
      output.push(line);
    }
    return output.join('\n');
  });
  return {
    body,
    warnings: [{ line: firstH1, message: 'the sections are `#` headings (h1), but the essay title is the page’s only h1: every heading was moved down one level' }],
  };
}
