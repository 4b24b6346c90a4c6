import { existsSync, readFileSync } from 'node:fs';
import type { VFile } from 'vfile';
import { bibliographyFormat, parseBibliography, type ParsedBibliography } from '../essays/bibliography.ts';
import { recordAbsence, recordDependency, sha256 } from './dependencies.ts';

/**
 * Parsed bibliographies by the hash of their bytes: a site-wide `references.bib` is read for every
 * essay, and Citation.js takes a while over a large one. Keyed by content, so an edited file is
 * parsed again; verified on read because the key is the hash of what was just read.
 */
const parsedByHash = new Map<string, ParsedBibliography>();

export type BibliographyRead = ParsedBibliography | { ok: false; missing: true; problem: string };

/**
 * Reads a bibliography file for the essay `file` and records it as a dependency of its render
 * (src/markdown/dependencies.ts), so that editing the file renders the essay again. With
 * `optional`, a file that does not exist is no problem (a site-wide default the site may not
 * have) and its absence is recorded, so that creating it renders the essay again.
 */
export function readBibliographyFile(file: VFile, absolute: string, optional = false): BibliographyRead | undefined {
  if (optional && !existsSync(absolute)) {
    recordAbsence(file, absolute);
    return undefined;
  }
  const format = bibliographyFormat(absolute);
  if (!format) return { ok: false, problem: 'is neither .bib (BibTeX) nor .json (CSL-JSON)' };
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, missing: true, problem: code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})` };
  }
  recordDependency(file, absolute, bytes);
  const key = `${format}:${sha256(bytes)}`;
  let parsed = parsedByHash.get(key);
  if (!parsed) {
    if (parsedByHash.size >= 50) parsedByHash.clear();
    parsed = parseBibliography(bytes.toString('utf8'), format);
    parsedByHash.set(key, parsed);
  }
  return parsed;
}
