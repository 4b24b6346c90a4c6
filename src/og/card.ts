import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
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
const TEMPLATE_VERSION = 2;
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

/** The design, in pixels: a rule along the top, then site name, title and date in a padded column. */
const PAPER = '#fdfcf8';
const INK = '#1f1d1a';
const ACCENT = '#1a4f9c';
const MUTED = '#57524a';
const RULE_HEIGHT = 16;
const PADDING = { top: 64, side: 80, bottom: 72 };
const COLUMN = {
  left: PADDING.side,
  top: RULE_HEIGHT + PADDING.top,
  width: OG_WIDTH - 2 * PADDING.side,
  bottom: OG_HEIGHT - PADDING.bottom,
};

/**
 * Draws a card. Only the text differs from card to card, so only the text is laid out (satori)
 * and rasterised (resvg), each line of the column in its own band on the paper colour; the
 * paper and the rule are filled in directly and the PNG is encoded here. Rasterising and
 * encoding the whole 1200×630 canvas in resvg cost more than everything else together (measured,
 * interleaved runs: 53 ms of CPU a card drawn whole, 23 ms drawn so). The site name and the date
 * sit at the column's top and bottom, the title halfway between them (as `space-between` would
 * put it); the pixels are those of drawing the whole card in one SVG (tested).
 */
export async function drawOgCard({ title, siteName, date }: OgCard): Promise<Buffer> {
  const titleSize = title.length > 90 ? 52 : title.length > 50 ? 64 : 76;
  const [name, heading, dateLine] = await Promise.all([
    siteNameBand(siteName),
    drawBand(textBox({ fontSize: titleSize, fontWeight: 700, lineHeight: 1.15, color: INK }, title)),
    drawBand(textBox({ fontSize: 28, color: MUTED, height: 36 }, date ?? '')),
  ]);
  const canvas = Buffer.from(blankCanvas());
  const free = COLUMN.bottom - COLUMN.top - name.height - heading.height - dateLine.height;
  pasteBand(canvas, name, COLUMN.top);
  pasteBand(canvas, heading, COLUMN.top + name.height + Math.round(free / 2));
  pasteBand(canvas, dateLine, COLUMN.bottom - dateLine.height);
  return encodePng(canvas, OG_WIDTH, OG_HEIGHT);
}

type SatoriNode = { type: string; props: { style?: Record<string, unknown>; children?: unknown } };

/**
 * Room around a line of text for what its glyphs draw outside their box (a descender, an accent
 * above a capital, an italic overhang), which drawing the whole card in one piece would show.
 */
const BLEED = 24;
const BAND_WIDTH = COLUMN.width + 2 * BLEED;

/** One line of the column, as wide as the column, on the paper colour with room around it. */
const textBox = (style: Record<string, unknown>, text: string): SatoriNode => ({
  type: 'div',
  props: {
    style: { display: 'flex', padding: BLEED, background: PAPER, fontFamily: 'Inter' },
    children: [{ type: 'div', props: { style: { display: 'flex', width: COLUMN.width, ...style }, children: text } }],
  },
});

/** A band's pixels, RGB, `BAND_WIDTH` wide; `height` is its text box's, without the bleed. */
interface Band {
  height: number;
  rgb: Buffer;
}

async function drawBand(box: SatoriNode): Promise<Band> {
  // Width only: satori gives the box the height its text needs.
  const svg = await satori(box as Parameters<typeof satori>[0], { width: BAND_WIDTH, fonts: loadFonts() });
  // satori has already turned the text into paths, so resvg needs no font database: not
  // loading the system fonts halves resvg's time and gives the same bytes.
  const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  const rgba = image.pixels;
  const rgb = Buffer.alloc(image.width * image.height * 3);
  // The band is opaque (drawn on the paper colour): dropping alpha loses nothing.
  for (let from = 0, to = 0; from < rgba.length; from += 4, to += 3) {
    rgb[to] = rgba[from]!;
    rgb[to + 1] = rgba[from + 1]!;
    rgb[to + 2] = rgba[from + 2]!;
  }
  return { height: image.height - 2 * BLEED, rgb };
}

/** The site name is the same on every card of a site: drawn once per name and thread. */
const siteNameBands = new Map<string, Promise<Band>>();
const siteNameBand = (siteName: string) => {
  let band = siteNameBands.get(siteName);
  if (!band) {
    band = drawBand(textBox({ fontSize: 30, fontWeight: 700, color: ACCENT, letterSpacing: 1 }, siteName));
    siteNameBands.set(siteName, band);
  }
  return band;
};

let blank: Buffer | undefined;
/** The paper with the rule along its top, RGB. */
function blankCanvas(): Buffer {
  if (blank) return blank;
  blank = Buffer.alloc(OG_WIDTH * OG_HEIGHT * 3);
  const [paper, accent] = [PAPER, ACCENT].map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
  for (let y = 0; y < OG_HEIGHT; y++) {
    const [r, g, b] = y < RULE_HEIGHT ? accent! : paper!;
    for (let x = 0, at = y * OG_WIDTH * 3; x < OG_WIDTH; x++, at += 3) {
      blank[at] = r!;
      blank[at + 1] = g!;
      blank[at + 2] = b!;
    }
  }
  return blank;
}

/** Copies a band's rows onto the canvas, its text box's top at `top`; rows of bare paper are skipped, so a band's bleed never covers another band's text. */
function pasteBand(canvas: Buffer, band: Band, top: number): void {
  const rowBytes = BAND_WIDTH * 3;
  const paperRow = blankCanvas().subarray(OG_HEIGHT * OG_WIDTH * 3 - rowBytes);
  for (let row = 0; row < band.height + 2 * BLEED; row++) {
    const y = top - BLEED + row;
    const pixels = band.rgb.subarray(row * rowBytes, (row + 1) * rowBytes);
    if (y < 0 || y >= OG_HEIGHT || pixels.equals(paperRow)) continue;
    pixels.copy(canvas, (y * OG_WIDTH + COLUMN.left - BLEED) * 3);
  }
}

/**
 * An 8-bit RGB PNG. A row the same as the one above is stored with PNG's Up filter, which makes
 * it zeros (most of a card is flat paper); any other row as it is. zlib at level 3 then makes
 * cards a little smaller than resvg's own PNGs in a fifth of the time (measured: filtering rows
 * in JavaScript cost more than it saved, and level 6 doubles the time for 25% fewer bytes).
 */
export function encodePng(rgb: Buffer, width: number, height: number): Buffer {
  const rowBytes = width * 3;
  const filtered = Buffer.alloc((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = rgb.subarray(y * rowBytes, (y + 1) * rowBytes);
    const out = (rowBytes + 1) * y;
    if (y > 0 && row.equals(rgb.subarray((y - 1) * rowBytes, y * rowBytes))) {
      filtered[out] = 2; // Up: every byte minus the one above, all zeros
    } else {
      filtered[out] = 0; // None
      row.copy(filtered, out + 1);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, deflate, adaptive filters, not interlaced
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(filtered, { level: 3 })), pngChunk('IEND', Buffer.alloc(0))]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
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
 * whose title or date changed (drawing one takes about 20 ms of CPU; a thousand, 20 seconds).
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
