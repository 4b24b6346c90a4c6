import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { requireTool } from './required-tool.ts';

/**
 * Debian's Chromium, driven by playwright-core. Nothing here downloads a browser: the binary is
 * `CHROME_PATH` or `/usr/bin/chromium`, or the browser checks do not run (see required-tool.ts).
 */
export function findChromium(): string | undefined {
  // A CHROME_PATH that names nothing is a mistake to report, not a reason to test another browser.
  const candidate = process.env.CHROME_PATH || '/usr/bin/chromium';
  return existsSync(candidate) ? candidate : undefined;
}

/** True when Chromium can run; throws under CI when it cannot, warns loudly elsewhere. */
export function chromiumIsAvailable(): boolean {
  const looked = process.env.CHROME_PATH || '/usr/bin/chromium';
  return requireTool('Chromium', findChromium(), `nothing at ${looked}; set CHROME_PATH or \`apt-get install chromium\``);
}

/** Quiet, offline, reproducible: no GPU, no QUIC, no first-run, sync or update traffic. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

export interface Chromium {
  browser: Browser;
  /** A new page in its own context (viewport, colour scheme, JavaScript on or off…). */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts Chromium with a fresh, temporary profile (`--user-data-dir`) that is deleted on close,
 * so no state (cache, storage, preferences) carries over from one run to the next.
 */
export async function launchChromium(): Promise<Chromium> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: set CHROME_PATH or `apt-get install chromium`');
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'quire-chromium-'));
  const profile = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  const browser = profile.browser();
  if (!browser) throw new Error('Chromium started without a browser handle');
  const contexts = new Set<BrowserContext>();
  return {
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({ viewport: DESKTOP, ...options });
      contexts.add(context);
      context.on('close', () => contexts.delete(context));
      return context.newPage();
    },
    async close() {
      for (const context of contexts) await context.close();
      await profile.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Closes a page together with the context `newPage` made for it. */
export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}
