import { mapProse } from './code-fences.ts';
import { lineAtOffset, type SourceWarning } from './source-lines.ts';

/**
 * A post's own `<style>…</style>` is removed: on a Quire page it would restyle the whole site
 * (its header, its other essays' cards), not just the post, and scoping arbitrary CSS safely is
 * guesswork. Each one is reported with its line and the selectors it had, so that the author can
 * carry over what mattered (say, into a figure's width).
 */
export function removeStyleBlocks(markdown: string): { body: string; warnings: SourceWarning[] } {
  const warnings: SourceWarning[] = [];
  const body = mapProse(markdown, (prose, firstLine) =>
    prose.replace(/^([ \t]*)<style\b[^>]*>([\s\S]*?)<\/style>[ \t]*\n?|<style\b[^>]*>([\s\S]*?)<\/style>/gim, (block, _indent, ownLine?: string, inline?: string, offset?: number) => {
      const css = ownLine ?? inline ?? '';
      const selectors = [...new Set([...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{/g)].map((rule) => rule[1]!.trim().replace(/\s+/g, ' ')))];
      const shown = selectors.length > 3 ? `${selectors.slice(0, 3).join(', ')}…` : selectors.join(', ');
      warnings.push({
        line: firstLine + lineAtOffset(prose, offset ?? 0) - 1,
        message: `removed a <style> block${shown ? ` (${shown})` : ''}: on Quire it would restyle the whole site, not just this post`,
      });
      return '';
    }),
  );
  return { body, warnings };
}
