import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';

/**
 * The Open Graph card of an essay (1200×630 PNG: title, site name, date), drawn at build time
 * with satori and resvg from a font that ships in an npm package, so no network is needed.
 */
export interface OgCard {
  title: string;
  siteName: string;
  /** Already formatted for display, or undefined for an undated essay. */
  date?: string;
}

/** Bump when the card's design changes, so cached cards are drawn again. */
const TEMPLATE_VERSION = 1;
const WIDTH = 1200;
const HEIGHT = 630;

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
  const svg = await satori(cardTree(card), { width: WIDTH, height: HEIGHT, fonts: loadFonts() });
  return new Resvg(svg, { fitTo: { mode: 'width', value: WIDTH } }).render().asPng();
}

/**
 * Cards are cached by their content in `cacheDir`, so a rebuild draws only the cards of essays
 * whose title or date changed (drawing one takes ~100 ms; a thousand would take minutes).
 */
export async function ogCardPng(card: OgCard, cacheDir: string): Promise<Buffer> {
  const key = createHash('sha256').update(JSON.stringify({ TEMPLATE_VERSION, card })).digest('hex').slice(0, 32);
  const cached = path.join(cacheDir, `${key}.png`);
  try {
    return readFileSync(cached);
  } catch {
    const png = await drawOgCard(card);
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cached, png);
    return png;
  }
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
      box({ display: 'flex', width: WIDTH - 160, fontSize: titleSize, fontWeight: 700, lineHeight: 1.15 }, title),
      box({ display: 'flex', fontSize: 28, color: '#57524a', height: 36 }, date ?? ''),
    ],
  );
}
