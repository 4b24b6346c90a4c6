/** Words a reader gets through per minute of long-form prose; the usual estimate. */
export const WORDS_PER_MINUTE = 230;

/** Counts words in Markdown source, ignoring code blocks, URLs and markup characters. */
export function countWords(markdown: string): number {
  const prose = markdown
    .replace(/^(```|~~~)[\s\S]*?^\1/gm, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[#*_>`|[\]-]+/g, ' ');
  return prose.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

export function readingMinutes(markdown: string): number {
  return Math.max(1, Math.round(countWords(markdown) / WORDS_PER_MINUTE));
}
