import { gzipSync } from 'node:zlib';
import type { BrowserContextOptions, Response } from 'playwright-core';
import type { Chromium } from '../../scripts/audit/chromium.ts';

/**
 * What a first visit to a page costs: every response Chromium actually received while loading
 * it (cold cache, fresh context), summed by kind. `transferred` is the encoded body as it came
 * over the wire, `raw` the decoded body, `gzip` that body compressed here with zlib at level 9,
 * which is what a host with gzip on would send whatever the test server does.
 */
export const RESOURCE_KINDS = ['html', 'css', 'js', 'font', 'image', 'other'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export interface Bytes {
  transferred: number;
  raw: number;
  gzip: number;
}

export interface ResourceWeight extends Bytes {
  url: string;
  kind: ResourceKind;
  status: number;
}

export interface PageWeight {
  url: string;
  resources: ResourceWeight[];
  byKind: Record<ResourceKind, Bytes & { requests: number }>;
  /** JavaScript inside the HTML (`<script>` without `src`); its bytes are part of `html` too. */
  inlineScripts: { count: number; raw: number; gzip: number };
  total: Bytes & { requests: number };
}

export function gzipSize(body: Buffer | string): number {
  return gzipSync(body, { level: 9 }).length;
}

/** Loads `url` in a fresh context and waits until the network is idle, then weighs what came. */
export async function measurePageWeight(chromium: Chromium, url: string, options: BrowserContextOptions = {}): Promise<PageWeight> {
  const page = await chromium.newPage(options);
  const responses: Response[] = [];
  page.on('response', (response) => responses.push(response));
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    const resources: ResourceWeight[] = [];
    for (const response of responses) {
      // Redirects and empty answers carry no body to weigh.
      if (response.status() >= 300 && response.status() < 400) continue;
      const body = await response.body().catch(() => Buffer.alloc(0));
      const sizes = await response.request().sizes();
      resources.push({
        url: response.url(),
        kind: kindOf(response),
        status: response.status(),
        transferred: sizes.responseBodySize,
        raw: body.length,
        gzip: body.length > 0 ? gzipSize(body) : 0,
      });
    }
    const inline = await page.$$eval('script:not([src])', (scripts) =>
      scripts
        .filter((script) => ['', 'module', 'text/javascript', 'application/javascript'].includes((script.getAttribute('type') ?? '').trim().toLowerCase()))
        .map((script) => script.textContent ?? ''),
    );
    return {
      url,
      resources,
      byKind: sumByKind(resources),
      inlineScripts: { count: inline.length, raw: Buffer.byteLength(inline.join('')), gzip: inline.length ? gzipSize(inline.join('\n')) : 0 },
      total: { requests: resources.length, ...sum(resources) },
    };
  } finally {
    await page.context().close();
  }
}

/** The page's own JavaScript, gzipped: script files it loaded plus its inline scripts. */
export function ownJavaScriptGzip(weight: PageWeight): number {
  const origin = new URL(weight.url).origin;
  const files = weight.resources.filter((resource) => resource.kind === 'js' && new URL(resource.url).origin === origin);
  return sum(files).gzip + weight.inlineScripts.gzip;
}

function kindOf(response: Response): ResourceKind {
  const byRequest: Record<string, ResourceKind> = { document: 'html', stylesheet: 'css', script: 'js', font: 'font', image: 'image' };
  const kind = byRequest[response.request().resourceType()];
  if (kind) return kind;
  const type = response.headers()['content-type'] ?? '';
  if (type.startsWith('text/html')) return 'html';
  if (type.startsWith('text/css')) return 'css';
  if (/javascript|ecmascript/.test(type)) return 'js';
  if (type.startsWith('font/') || /font-woff|opentype|truetype/.test(type)) return 'font';
  if (type.startsWith('image/')) return 'image';
  return 'other';
}

function sum(resources: Bytes[]): Bytes {
  return resources.reduce((total, r) => ({ transferred: total.transferred + r.transferred, raw: total.raw + r.raw, gzip: total.gzip + r.gzip }), {
    transferred: 0,
    raw: 0,
    gzip: 0,
  });
}

function sumByKind(resources: ResourceWeight[]): PageWeight['byKind'] {
  const entries = RESOURCE_KINDS.map((kind) => {
    const ofKind = resources.filter((resource) => resource.kind === kind);
    return [kind, { requests: ofKind.length, ...sum(ofKind) }] as const;
  });
  return Object.fromEntries(entries) as PageWeight['byKind'];
}

/** A plain-text table: one row per kind, then inline JavaScript and the total. */
export function formatPageWeight(name: string, weight: PageWeight): string {
  const kb = (bytes: number) => (Number.isNaN(bytes) ? '–' : (bytes / 1024).toFixed(1)).padStart(8);
  const row = (label: string, requests: number | string, bytes: Bytes) =>
    `${label.padEnd(14)}${String(requests).padStart(9)}${kb(bytes.transferred)}${kb(bytes.raw)}${kb(bytes.gzip)}`;
  const lines = [
    `${name}  ${weight.url}`,
    `${'kind'.padEnd(14)}${'requests'.padStart(9)}${'wire KB'.padStart(8)}${'raw KB'.padStart(8)}${'gzip KB'.padStart(8)}`,
    ...RESOURCE_KINDS.map((kind) => row(kind, weight.byKind[kind].requests, weight.byKind[kind])),
    // Inline scripts arrive inside the HTML: no wire bytes of their own.
    row('  inline JS', `(${weight.inlineScripts.count})`, { transferred: Number.NaN, ...weight.inlineScripts }),
    row('total', weight.total.requests, weight.total),
  ];
  return lines.join('\n');
}
