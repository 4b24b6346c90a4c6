import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import satori from 'satori';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { drawOgCard, isIntactPng, ogCardFile, ogCardKey, ogCardPng, OG_HEIGHT, OG_WIDTH, type OgCard } from '../../src/og/card.ts';
import { findOgWorker, ogCardForPage, OgCardPool, queueOgCards } from '../../src/og/pool.ts';

/** A decoded PNG: RGBA pixels. */
interface Image {
  width: number;
  height: number;
  rgba: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Decoded by sharp (libvips, which Astro's image service already installs), not by the code under test. */
async function decodePng(png: Buffer): Promise<Image> {
  expect(png.subarray(0, 8)).toEqual(SIGNATURE);
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(4);
  return { width: info.width, height: info.height, rgba: data };
}

const pixel = ({ width, rgba }: Image, x: number, y: number) =>
  '#' + [0, 1, 2].map((k) => rgba[(y * width + x) * 4 + k]!.toString(16).padStart(2, '0')).join('');

/** How many pixels of `a` and `b` differ. */
function differingPixels(a: Image, b: Image): number {
  let count = 0;
  for (let i = 0; i < a.rgba.length; i += 4) if (a.rgba.readUInt32BE(i) !== b.rgba.readUInt32BE(i)) count++;
  return count;
}

const card = (title: string, date: string | undefined = '1 March 2024'): OgCard => ({ title, siteName: 'Quire', date });

const scratch = mkdtempSync(path.join(tmpdir(), 'quire-og-test-'));
let dirs = 0;
const freshCacheDir = () => path.join(scratch, `cache-${++dirs}`);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('drawOgCard', () => {
  it('draws a 1200×630 PNG: the blue rule on top, the paper colour below', async () => {
    const image = await decodePng(await drawOgCard(card('Machine Learning in Research vs Production')));
    expect([image.width, image.height]).toEqual([1200, 630]);
    expect([OG_WIDTH, OG_HEIGHT]).toEqual([1200, 630]);
    expect(pixel(image, 600, 5)).toBe('#1a4f9c');
    expect(pixel(image, 20, 300)).toBe('#fdfcf8');
    expect(pixel(image, 1190, 620)).toBe('#fdfcf8');
  });

  it('draws the title: two titles give two different images, the same title the same one', async () => {
    const [a, b, again] = await Promise.all([
      drawOgCard(card('On Reading Slowly')),
      drawOgCard(card('On Writing Quickly')),
      drawOgCard(card('On Reading Slowly')),
    ]);
    expect(differingPixels(await decodePng(a), await decodePng(b))).toBeGreaterThan(1000);
    expect(differingPixels(await decodePng(a), await decodePng(again))).toBe(0);
  });
});

/**
 * The card as one satori tree, drawn whole by resvg: how cards were drawn before only their text
 * was (src/og/card.ts). The design is the same; this is the picture a card must be.
 */
async function drawWholeCard({ title, siteName, date }: OgCard): Promise<Buffer> {
  const require = createRequire(import.meta.url);
  const fonts = ([400, 700] as const).map((weight) => ({
    name: 'Inter',
    data: readFileSync(require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`)),
    weight,
    style: 'normal' as const,
  }));
  const box = (style: Record<string, unknown>, children?: unknown) => ({ type: 'div', props: { style, children } });
  const titleSize = title.length > 90 ? 52 : title.length > 50 ? 64 : 76;
  const tree = box(
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
      box({ display: 'flex', width: 1040, fontSize: titleSize, fontWeight: 700, lineHeight: 1.15 }, title),
      box({ display: 'flex', fontSize: 28, color: '#57524a', height: 36 }, date ?? ''),
    ],
  );
  const svg = await satori(tree as Parameters<typeof satori>[0], { width: 1200, height: 630, fonts });
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
}

describe('drawing only the text', () => {
  it('gives exactly the pixels of the whole card drawn in one piece', async () => {
    const cards = [
      card('On Reading Slowly'), // one line at the largest size, descenders at the band's edge
      card('Machine Learning in Research vs Production', undefined), // undated
      card('Machine Learning in Research vs Production: what changes when a model ships to users'),
      card('A title long enough to take the smallest size and three lines: research, production, evaluation and what benchmarks miss'),
      card('Ünïcödé — “quotes” & ampersands, Åland'), // accents above capitals
    ];
    for (const each of cards) {
      const [drawn, whole] = await Promise.all([drawOgCard(each), drawWholeCard(each)]);
      expect(differingPixels(await decodePng(drawn), await decodePng(whole)), each.title).toBe(0);
    }
  });

  it('writes PNGs that PNG’s own check and a decoder accept', async () => {
    const png = await drawOgCard(card('Checked'));
    expect(isIntactPng(png)).toBe(true);
    expect((await decodePng(png)).width).toBe(1200);
  });
});

describe('the card cache', () => {
  it('keys a card by what it shows', () => {
    expect(ogCardKey(card('A'))).toBe(ogCardKey({ siteName: 'Quire', date: '1 March 2024', title: 'A' }));
    expect(ogCardKey(card('A'))).not.toBe(ogCardKey(card('B')));
    expect(ogCardKey(card('A'))).not.toBe(ogCardKey(card('A', '2 March 2024')));
    expect(ogCardKey(card('A'))).not.toBe(ogCardKey({ title: 'A', siteName: 'Quire' }));
  });

  it('draws a card once, then returns the cached bytes without drawing', async () => {
    const dir = freshCacheDir();
    const drawn = await ogCardPng(card('Cached'), dir);
    expect(readdirSync(dir)).toEqual([path.basename(ogCardFile(card('Cached'), dir))]);
    expect(await ogCardPng(card('Cached'), dir)).toEqual(drawn);

    // A whole PNG in the cache under the card's name is returned as it is: nothing is drawn.
    const planted = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#00ff00' } }).png().toBuffer();
    writeFileSync(ogCardFile(card('Cached'), dir), planted);
    expect(await ogCardPng(card('Cached'), dir)).toEqual(planted);
  });

  it('draws a card again when its cached file is truncated or edited, never publishing it', async () => {
    const dir = freshCacheDir();
    const drawn = await ogCardPng(card('Verified'), dir);
    const file = ogCardFile(card('Verified'), dir);
    writeFileSync(file, drawn.subarray(0, 40));
    expect(await ogCardPng(card('Verified'), dir)).toEqual(drawn);
    const edited = Buffer.from(drawn);
    const middle = Math.floor(edited.length / 2);
    edited.writeUInt8(edited.readUInt8(middle) ^ 0xff, middle);
    writeFileSync(file, edited);
    expect(await ogCardPng(card('Verified'), dir)).toEqual(drawn);
    expect(isIntactPng(drawn)).toBe(true);
    expect(isIntactPng(edited)).toBe(false);
  });
});

describe('the worker pool', () => {
  it('finds its worker module beside it', () => {
    expect(findOgWorker()).toBe(fileURLToPath(new URL('../../src/og/worker.ts', import.meta.url)));
  });

  it('draws the same bytes as this thread, and caches them', async () => {
    const dir = freshCacheDir();
    const pool = new OgCardPool({ workerFile: findOgWorker()!, threads: 2 });
    try {
      const cards = [card('Pooled One'), card('Pooled Two', undefined), card('A much longer title, long enough to be set smaller and wrapped onto more lines')];
      const pooled = await Promise.all(cards.map((c) => pool.draw(c, dir)));
      for (const [i, c] of cards.entries()) {
        expect(pooled[i]!.equals(await drawOgCard(c)), c.title).toBe(true);
        expect(await ogCardPng(c, dir)).toEqual(pooled[i]);
      }
    } finally {
      await pool.destroy();
    }
  }, 30_000);

  it('queues only the cards not yet cached, and hands each page its card', async () => {
    const dir = freshCacheDir();
    const cached = await ogCardPng(card('Already drawn'), dir);
    const before = statSync(ogCardFile(card('Already drawn'), dir)).mtimeMs;
    const jobs = [
      { name: 'already-drawn', card: card('Already drawn') },
      { name: 'new-one', card: card('New one') },
      { name: 'new-two', card: card('New two') },
      { name: 'new-two-again', card: card('New two') },
    ];
    expect(queueOgCards(jobs, { cacheDir: dir, minCards: 3 })).toBe(0);
    expect(queueOgCards(jobs, { cacheDir: dir, threads: 2, minCards: 1 })).toBe(2);
    expect(queueOgCards(jobs, { cacheDir: dir, threads: 2, minCards: 1 })).toBe(0);
    const pngs = await Promise.all(jobs.map((job) => ogCardForPage(job, dir)));
    expect(pngs[0]).toEqual(cached);
    expect(statSync(ogCardFile(card('Already drawn'), dir)).mtimeMs).toBe(before);
    expect(pngs[1]!.equals(await drawOgCard(card('New one')))).toBe(true);
    expect(pngs[3]).toEqual(pngs[2]);
    expect(readdirSync(dir)).toHaveLength(3);
  }, 30_000);

  it('fails a card that cannot be drawn with an error naming the essay', async () => {
    const notADir = path.join(scratch, 'a-file');
    writeFileSync(notADir, '');
    const job = { name: 'unlucky-essay', card: card('Cannot be cached') };
    expect(queueOgCards([job], { cacheDir: notADir, threads: 1, minCards: 1 })).toBe(1);
    await expect(ogCardForPage(job, notADir)).rejects.toThrow(/card of essay "unlucky-essay" could not be drawn: .*(ENOTDIR|EEXIST)/);
  }, 30_000);
});

/** Runs `code` (an ES module that may import the og modules) in a fresh Node, as a build would. */
function runNode(code: string): Promise<{ code: number | null; output: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after 60 s:\n${output}`));
    }, 60_000);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ code: exitCode, output, ms: performance.now() - started });
    });
  });
}

describe('a process that draws its cards in the pool', () => {
  const pool = JSON.stringify(fileURLToPath(new URL('../../src/og/pool.ts', import.meta.url)));

  it('exits by itself once every page has its card', async () => {
    const dir = freshCacheDir();
    mkdirSync(dir);
    const { code, output } = await runNode(`
      import { queueOgCards, ogCardForPage } from ${pool};
      const jobs = Array.from({ length: 6 }, (_, i) => ({ name: 'essay-' + i, card: { title: 'Essay ' + i, siteName: 'Quire' } }));
      console.log('queued', queueOgCards(jobs, { cacheDir: ${JSON.stringify(dir)}, threads: 2, minCards: 1 }));
      for (const job of jobs) await ogCardForPage(job, ${JSON.stringify(dir)});
      console.log('done');
    `);
    expect(output).toMatch(/^queued 6\ndone\n$/);
    expect(code).toBe(0);
    expect(readdirSync(dir)).toHaveLength(6);
  }, 70_000);

  it('fails, naming the essay, when a worker cannot draw a card, and does not hang', async () => {
    const notADir = path.join(scratch, 'another-file');
    writeFileSync(notADir, '');
    const { code, output } = await runNode(`
      import { queueOgCards, ogCardForPage } from ${pool};
      const jobs = [{ name: 'broken-essay', card: { title: 'Broken', siteName: 'Quire' } }];
      queueOgCards(jobs, { cacheDir: ${JSON.stringify(notADir)}, threads: 1, minCards: 1 });
      await ogCardForPage(jobs[0], ${JSON.stringify(notADir)});
    `);
    expect(output).toMatch(/OgCardError: Open Graph card of essay "broken-essay" could not be drawn/);
    expect(code).toBe(1);
  }, 70_000);
});
