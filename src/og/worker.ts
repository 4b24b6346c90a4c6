/**
 * A worker thread of the card pool (`pool.ts`): draws one card, caches it, returns its PNG.
 * Node runs this file from source (type stripping), so it imports only what Node resolves
 * itself: no `astro:` modules, no path aliases.
 */
import { ogCardPng, type OgCard } from './card.ts';

export interface OgCardTask {
  card: OgCard;
  cacheDir: string;
}

export default async function drawCardTask({ card, cacheDir }: OgCardTask): Promise<Uint8Array> {
  return ogCardPng(card, cacheDir);
}
