/**
 * Citations and a bibliography in a CSL style (https://citationstyles.org/): the style file an
 * essay names (`csl: ieee.csl`, from the Zotero Style Repository, say), run by citeproc-js, the
 * processor Zotero and Pandoc's ancestors use, which Citation.js bundles with its English
 * locale. Only in-text styles: a note style's citations are footnotes, which Quire does not
 * make from citations.
 */
import { createRequire } from 'node:module';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { CslItem } from './bibliography.ts';

const require = createRequire(import.meta.url);
// citeproc-js is CommonJS without types: the one constructor Quire uses, typed here.
const CSL = require('citeproc') as { Engine: new (sys: CiteprocSys, style: string, lang?: string, forceLang?: boolean) => CiteprocEngine };

interface CiteprocSys {
  retrieveLocale(lang: string): string | undefined;
  retrieveItem(id: string): CslItem;
}
interface CiteprocEngine {
  opt: { xclass?: string; has_disambiguate?: boolean };
  bibliography?: unknown;
  rebuildProcessorState(citations: unknown[], format: string, uncited: string[]): [string, number, string][];
  updateUncitedItems(ids: string[]): void;
  makeBibliography(): false | [{ entry_ids: string[][] }, string[]];
}

/** One source in a citation, as citeproc reads it. */
export interface CslCiteItem {
  id: string;
  locator?: string;
  label?: string;
  prefix?: string;
  suffix?: string;
  'suppress-author'?: boolean;
  'author-only'?: boolean;
}

export interface CslRendering {
  /** Each citation's HTML, in the order given. */
  citations: string[];
  /** The bibliography's entries in the style's order, each with the key it lists. */
  bibliography: { id: string; html: string }[];
}

/** A style that cannot be used: not CSL, a note style, or one without a bibliography. */
export class CslStyleError extends Error {}

/**
 * Renders every citation of an essay (each a list of cited items) and its bibliography in a CSL
 * style. `uncited` are listed without being cited (`nocite:`, the front matter's uncited
 * references). All citations are processed together, so numbers, "ibid."-free disambiguation
 * (`2017a`) and collapsing (`[1]–[3]`) come out as the style says.
 */
export function renderWithCsl(styleXml: string, items: readonly CslItem[], citations: readonly CslCiteItem[][], uncited: readonly string[], lang = 'en-US'): CslRendering {
  const byId = new Map(items.map((item) => [item.id, item]));
  const locales = plugins.config.get('@csl').locales as { get(lang: string): string | undefined; has(lang: string): boolean };
  let engine: CiteprocEngine;
  try {
    engine = new CSL.Engine(
      {
        retrieveLocale: (wanted) => locales.get(wanted) ?? locales.get('en-US'),
        retrieveItem: (id) => byId.get(id)!,
      },
      styleXml,
      locales.has(lang) ? lang : 'en-US',
      true,
    );
  } catch (error) {
    throw new CslStyleError(`is not a CSL style citeproc can read (${firstLine(error)})`);
  }
  if (engine.opt.xclass === 'note') throw new CslStyleError('is a note style (its citations are footnotes): use an in-text style, numeric or author-date');
  if (!engine.bibliography) throw new CslStyleError('has no bibliography layout, so it cannot make the References list');
  const processed = engine.rebuildProcessorState(
    citations.map((citationItems, index) => ({ citationID: `citation-${index}`, citationItems, properties: { noteIndex: 0 } })),
    'html',
    [...uncited],
  );
  const byCitation = new Map(processed.map(([id, , html]) => [id, html]));
  const made = engine.makeBibliography();
  const bibliography = made ? made[1].map((html, index) => ({ id: made[0].entry_ids[index]![0]!, html })) : [];
  return { citations: citations.map((_, index) => byCitation.get(`citation-${index}`) ?? ''), bibliography };
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
