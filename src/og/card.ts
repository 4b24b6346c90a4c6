import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { site } from '../site.config.ts';
import { formatDisplayDate } from '../essays/dates.ts';

/**
 * The Open Graph card of an essay (1200×630 PNG: title, site name, date), drawn at build time
 * with satori and resvg from a font that ships in an npm package, so no network is needed.
 * This module draws one card in the calling thread; `pool.ts` draws many in worker threads
 * (`worker.ts` runs this same code there).
 */
export interface OgCard {
  title: string;
  siteName: string;
  /** Already formatted for display, or undefined for an undated essay. */
  date?: string;
}

/** An essay's card: its title and date, and the site's name. */
export function essayOgCard({ title, date }: { title: string; date?: Date | undefined }): OgCard {
  return { title, siteName: site.title, date: date && formatDisplayDate(date) };
}

/** Bump when the card's design changes, so cached cards are drawn again. */
const TEMPLATE_VERSION = 1;
export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

const require = createRequire(import.meta.url);
const fontFile = (weight: number) => require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`);
let fonts: { name: string; data: Buffer; weight: 400 | 700; style: 'normal' }[] | undefined;
const loadFonts = () =>
  (fonts ??= [400, 700].map((weight) => ({
    name: 'Inter',
    data: readFileSync(fontFile(weight)),
    weight: weight as 400 | 700,
    style: 'normal' as const,
  })));

export async function drawOgCard(card: OgCard): Promise<Buffer> {
  const svg = await satori(cardTree(card), { width: OG_WIDTH, height: OG_HEIGHT, fonts: loadFonts() });
  // satori has already turned the text into paths, so resvg needs no font database: not
  // loading the system fonts halves resvg's time and gives the same bytes.
  return new Resvg(svg, { fitTo: { mode: 'width', value: OG_WIDTH }, font: { loadSystemFonts: false } }).render().asPng();
}

/** The name of a card's file in the cache: a hash of what it shows and of the template's version. */
export function ogCardKey(card: OgCard): string {
  const { title, siteName, date } = card;
  return createHash('sha256').update(JSON.stringify({ TEMPLATE_VERSION, card: { title, siteName, date } })).digest('hex').slice(0, 32);
}

/** Where a card is (or will be) cached in `cacheDir`. */
export const ogCardFile = (card: OgCard, cacheDir: string): string => path.join(cacheDir, `${ogCardKey(card)}.png`);

/**
 * The cached PNG of a card, or undefined when it has not been drawn yet or the file is not a
 * whole PNG (truncated, edited): then the card is drawn again rather than published broken.
 */
export function readCachedOgCard(card: OgCard, cacheDir: string): Buffer | undefined {
  try {
    const png = readFileSync(ogCardFile(card, cacheDir));
    return isIntactPng(png) ? png : undefined;
  } catch {
    return undefined;
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG whose every chunk is whole and matches its CRC, ending with IEND: PNG's own check. */
export function isIntactPng(png: Buffer): boolean {
  if (png.length < PNG_SIGNATURE.length || !png.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) return false;
  let offset = PNG_SIGNATURE.length;
  while (offset + 12 <= png.length) {
    const length = png.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > png.length) return false;
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    if (crc32(typeAndData) !== png.readUInt32BE(offset + 8 + length)) return false;
    if (typeAndData.subarray(0, 4).toString('latin1') === 'IEND') return end === png.length;
    offset = end;
  }
  return false;
}

/**
 * Cards are cached by their content in `cacheDir`, so a rebuild draws only the cards of essays
 * whose title or date changed (drawing one takes 20–40 ms of CPU; a thousand, half a minute).
 */
export async function ogCardPng(card: OgCard, cacheDir: string): Promise<Buffer> {
  const cached = readCachedOgCard(card, cacheDir);
  if (cached) return cached;
  const png = await drawOgCard(card);
  const file = ogCardFile(card, cacheDir);
  mkdirSync(cacheDir, { recursive: true });
  // Written beside and renamed into place, so no reader (another thread, a build killed midway)
  // ever finds half a PNG under the card's name.
  const partial = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.partial`;
  writeFileSync(partial, png);
  renameSync(partial, file);
  return png;
}

/** Where cards are cached: beside Astro's own cache, so deleting node_modules clears both. */
export const OG_CACHE_DIR = path.resolve('node_modules', '.astro', 'quire-og-cards');

type SatoriNode = { type: string; props: { style?: Record<string, unknown>; children?: unknown } };
const box = (style: Record<string, unknown>, children?: unknown): SatoriNode => ({ type: 'div', props: { style, children } });

function cardTree({ title, siteName, date }: OgCard): SatoriNode {
  const titleSize = title.length > 90 ? 52 : title.length > 50 ? 64 : 76;
  return box(
    {
      width: '100%',
      height: '100%',
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'space-between',
      padding: '64px 80px 72px',
      boxSizing: 'border-box',
      background: '#fdfcf8',
      color: '#1f1d1a',
      fontFamily: 'Inter',
      borderTop: '16px solid #1a4f9c',
    },
    [
      box({ display: 'flex', fontSize: 30, fontWeight: 700, color: '#1a4f9c', letterSpacing: 1 }, siteName),
      box({ display: 'flex', width: OG_WIDTH - 160, fontSize: titleSize, fontWeight: 700, lineHeight: 1.15 }, title),
      box({ display: 'flex', fontSize: 28, color: '#57524a', height: 36 }, date ?? ''),
    ],
  );
}
