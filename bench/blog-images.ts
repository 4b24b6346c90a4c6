import sharp, { type Sharp } from 'sharp';

/**
 * The images of the real-blog corpus (`bench/blog-corpus.ts`), drawn from a seed so that every
 * run, on every machine, encodes the same pixels. What matters for a build is what real blogs
 * carry, so each kind is made to cost what its real counterpart costs an encoder:
 * - `photo`: a camera picture, 1600–3000 px wide: soft shapes and gradients under sensor-like
 *   grain, so it neither compresses to nothing nor is pure noise (JPEG, or PNG as exported by
 *   an editor or a screenshot tool: the largest files a blog has);
 * - `diagram`: a chart or flow diagram, flat colours and lines (PNG, drawn from SVG);
 * - `screenshot`: an interface, flat panels and rows of "text" bars (PNG);
 * - `animation`: an animated GIF, a screen recording's few dozen frames;
 * - `icon`: a small logo or avatar, 32–128 px (PNG).
 * No text is drawn: glyphs would depend on the machine's fonts.
 */
export type ImageKind = 'photo' | 'diagram' | 'screenshot' | 'animation' | 'icon';

export interface ImageSpec {
  kind: ImageKind;
  /** File name, extension included (`.jpg`, `.png`, `.gif`). */
  name: string;
  width: number;
  height: number;
  seed: number;
}

/** A small deterministic PRNG (mulberry32): the same seed, the same image. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Encodes the image a spec describes. */
export async function drawImage(spec: ImageSpec): Promise<Buffer> {
  switch (spec.kind) {
    case 'photo':
      // PNG photos get less grain: as exported by an editor after denoising, not straight off a sensor.
      return encode(sharp(photoPixels(spec, spec.name.endsWith('.png') ? 5 : 13), { raw: { width: spec.width, height: spec.height, channels: 3 } }), spec.name);
    case 'animation':
      return animation(spec);
    default:
      return encode(sharp(Buffer.from(flatSvg(spec))), spec.name);
  }
}

function encode(image: Sharp, name: string): Promise<Buffer> {
  // Settings of common tools: a camera's or an editor's JPEG at quality 85, PNG at zlib's default.
  return name.endsWith('.jpg') ? image.jpeg({ quality: 85 }).toBuffer() : image.png().toBuffer();
}

/**
 * A photo-like RGB raster: a two-colour gradient (sky to ground), a few soft blobs, smooth
 * value noise at two scales (texture) and per-pixel grain of about ±6 levels (a sensor's).
 */
function photoPixels({ width, height, seed }: ImageSpec, grainLevels = 13): Buffer {
  const rand = random(seed);
  const colour = () => [40 + rand() * 180, 40 + rand() * 180, 40 + rand() * 180];
  const top = colour();
  const bottom = colour();
  const blobs = Array.from({ length: 4 + Math.floor(rand() * 5) }, () => ({
    x: rand() * width,
    y: rand() * height,
    r: (0.08 + rand() * 0.25) * width,
    c: colour(),
  }));
  const coarse = valueNoise(rand, Math.ceil(width / 160) + 2, Math.ceil(height / 160) + 2);
  const fine = valueNoise(rand, Math.ceil(width / 12) + 2, Math.ceil(height / 12) + 2);
  const pixels = Buffer.alloc(width * height * 3);
  let grain = seed >>> 0;
  for (let y = 0; y < height; y++) {
    const v = y / height;
    for (let x = 0; x < width; x++) {
      let r = top[0]! + (bottom[0]! - top[0]!) * v;
      let g = top[1]! + (bottom[1]! - top[1]!) * v;
      let b = top[2]! + (bottom[2]! - top[2]!) * v;
      for (const blob of blobs) {
        const dx = x - blob.x;
        const dy = y - blob.y;
        const w = Math.max(0, 1 - (dx * dx + dy * dy) / (blob.r * blob.r));
        if (w > 0) {
          const a = w * w * 0.8;
          r += (blob.c[0]! - r) * a;
          g += (blob.c[1]! - g) * a;
          b += (blob.c[2]! - b) * a;
        }
      }
      const texture = (coarse(x / 160, y / 160) - 0.5) * 50 + (fine(x / 12, y / 12) - 0.5) * 24;
      // xorshift for the grain: a PRNG call per pixel would dominate the drawing time.
      grain ^= grain << 13;
      grain ^= grain >>> 17;
      grain ^= grain << 5;
      const noise = grainLevels > 1 ? ((grain >>> 0) % grainLevels) - (grainLevels >> 1) : 0;
      const i = (y * width + x) * 3;
      pixels[i] = clamp(r + texture + noise);
      pixels[i + 1] = clamp(g + texture * 0.9 + noise);
      pixels[i + 2] = clamp(b + texture * 0.8 + noise);
    }
  }
  return pixels;
}

const clamp = (value: number) => (value < 0 ? 0 : value > 255 ? 255 : value | 0);

/** Smooth noise in [0, 1): random values on a grid, interpolated (smoothstep) between them. */
function valueNoise(rand: () => number, columns: number, rows: number): (x: number, y: number) => number {
  const grid = Float32Array.from({ length: columns * rows }, () => rand());
  return (x, y) => {
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const fx = x - x0;
    const fy = y - y0;
    const sx = fx * fx * (3 - 2 * fx);
    const sy = fy * fy * (3 - 2 * fy);
    const at = (cx: number, cy: number) => grid[cy * columns + cx]!;
    const a = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * sx;
    const b = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * sx;
    return a + (b - a) * sy;
  };
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** A diagram, a screenshot or an icon as SVG (flat colours, no text), rasterised by sharp. */
function flatSvg({ kind, width, height, seed }: ImageSpec): string {
  const rand = random(seed);
  const pick = () => PALETTE[Math.floor(rand() * PALETTE.length)]!;
  const shapes: string[] = [];
  const rect = (x: number, y: number, w: number, h: number, fill: string, extra = '') =>
    shapes.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${fill}" ${extra}/>`);
  if (kind === 'icon') {
    rect(0, 0, width, height, pick(), `rx="${width / 5}"`);
    shapes.push(`<circle cx="${width / 2}" cy="${height / 2}" r="${width / 3}" fill="${pick()}"/>`);
    shapes.push(`<path d="M${width * 0.3} ${height * 0.55} L${width * 0.45} ${height * 0.7} L${width * 0.72} ${height * 0.35}" stroke="#fff" stroke-width="${width / 12}" fill="none"/>`);
  } else if (kind === 'screenshot') {
    rect(0, 0, width, height, '#f6f7f9');
    rect(0, 0, width, height * 0.06, '#2b2f36');
    const sidebar = width * (0.15 + rand() * 0.1);
    rect(0, height * 0.06, sidebar, height, '#e4e7ec');
    for (let y = height * 0.1; y < height * 0.95; y += height * 0.035) rect(width * 0.015, y, sidebar * (0.4 + rand() * 0.5), height * 0.012, '#9aa3af');
    // Paragraphs of "text": grey bars of varying length, with a coloured link or code bar now and then.
    let y = height * 0.1;
    while (y < height * 0.92) {
      const lines = 2 + Math.floor(rand() * 6);
      for (let l = 0; l < lines && y < height * 0.92; l++, y += height * 0.028) {
        // A line of words: bars of word widths with gaps, as text is at a glance.
        const start = sidebar + width * 0.04;
        const end = start + (width - start - width * 0.05) * (l === lines - 1 ? 0.3 + rand() * 0.5 : 0.85 + rand() * 0.15);
        for (let x = start; x < end; ) {
          const word = height * (0.012 + rand() * 0.05);
          rect(x, y, Math.min(word, end - x), height * 0.012, rand() < 0.05 ? pick() : '#4b5563', 'rx="2"');
          x += word + height * 0.008;
        }
      }
      if (rand() < 0.3) {
        rect(sidebar + width * 0.04, y, width * 0.5, height * 0.12, '#ffffff', 'stroke="#d1d5db"');
        y += height * 0.14;
      }
      y += height * 0.03;
    }
  } else {
    rect(0, 0, width, height, '#ffffff');
    const style = rand();
    if (style < 0.3) {
      // A line chart: a few noisy series over a grid.
      const left = width * 0.08;
      const base = height * 0.9;
      for (let g = 0; g <= 10; g++) shapes.push(`<line x1="${left + (g * width * 0.89) / 10}" x2="${left + (g * width * 0.89) / 10}" y1="${height * 0.05}" y2="${base}" stroke="#eee"/>`);
      for (let series = 0; series < 2 + Math.floor(rand() * 3); series++) {
        let level = 0.3 + rand() * 0.4;
        const points = Array.from({ length: 120 }, (_, i) => {
          level = Math.min(0.95, Math.max(0.05, level + (rand() - 0.5) * 0.06));
          return `${(left + (i * width * 0.89) / 119).toFixed(1)},${(base - level * height * 0.8).toFixed(1)}`;
        });
        shapes.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${PALETTE[series]}" stroke-width="3"/>`);
      }
      shapes.push(`<path d="M${left} ${height * 0.05} V${base} H${width * 0.97}" stroke="#111" stroke-width="2" fill="none"/>`);
    } else if (style < 0.6) {
      // A bar chart with axes and grid lines.
      const bars = 5 + Math.floor(rand() * 12);
      const left = width * 0.08;
      const base = height * 0.9;
      for (let g = 1; g <= 5; g++) shapes.push(`<line x1="${left}" x2="${width * 0.97}" y1="${base - g * height * 0.15}" y2="${base - g * height * 0.15}" stroke="#e5e7eb"/>`);
      const slot = (width * 0.89) / bars;
      for (let i = 0; i < bars; i++) {
        const h = height * (0.1 + rand() * 0.7);
        rect(left + i * slot + slot * 0.15, base - h, slot * 0.7, h, i % 3 === 0 ? PALETTE[0]! : PALETTE[1]!);
      }
      shapes.push(`<path d="M${left} ${height * 0.05} V${base} H${width * 0.97}" stroke="#111" stroke-width="2" fill="none"/>`);
    } else {
      // A flow diagram: boxes joined by arrows.
      const boxes = Array.from({ length: 4 + Math.floor(rand() * 6) }, (_, i) => ({
        x: width * (0.05 + ((i % 3) * 0.32) + rand() * 0.04),
        y: height * (0.08 + Math.floor(i / 3) * 0.3 + rand() * 0.04),
        w: width * 0.22,
        h: height * 0.16,
      }));
      boxes.forEach((box, i) => {
        const next = boxes[i + 1];
        if (next) shapes.push(`<line x1="${box.x + box.w / 2}" y1="${box.y + box.h / 2}" x2="${next.x + next.w / 2}" y2="${next.y + next.h / 2}" stroke="#374151" stroke-width="3" marker-end="url(#arrow)"/>`);
      });
      for (const box of boxes) rect(box.x, box.y, box.w, box.h, pick(), 'rx="12" stroke="#111" stroke-width="2" fill-opacity="0.85"');
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="#374151"/></marker></defs>' +
    shapes.join('') +
    '</svg>'
  );
}

/**
 * An animated GIF: a ball and a bar moving over a grainy gradient, like a screen recording of a
 * demo, about 24 frames. sharp writes the frames of a tall raw image (`pageHeight`) as pages.
 */
async function animation({ width, height, seed }: ImageSpec): Promise<Buffer> {
  const frames = 24;
  const background = photoPixels({ kind: 'photo', name: '', width, height, seed }, 0);
  const pixels = Buffer.alloc(width * height * 3 * frames);
  const rand = random(seed + 1);
  const radius = height * (0.08 + rand() * 0.06);
  for (let f = 0; f < frames; f++) {
    const offset = f * width * height * 3;
    background.copy(pixels, offset);
    const cx = width * (0.1 + (0.8 * f) / (frames - 1));
    const cy = height * (0.5 + 0.3 * Math.sin((f / frames) * Math.PI * 2));
    const barWidth = Math.round(width * ((f + 1) / frames));
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = offset + (y * width + x) * 3;
        if ((x - cx) ** 2 + (y - cy) ** 2 < radius * radius) {
          pixels[i] = 230;
          pixels[i + 1] = 60;
          pixels[i + 2] = 50;
        } else if (y > height * 0.92 && x < barWidth) {
          pixels[i] = 30;
          pixels[i + 1] = 120;
          pixels[i + 2] = 220;
        }
      }
    }
  }
  return sharp(pixels, { raw: { width, height: height * frames, channels: 3, pageHeight: height } })
    .gif({ delay: Array(frames).fill(80), loop: 0, effort: 1 }) // effort 7, the default, takes 3× longer for the same file
    .toBuffer();
}
