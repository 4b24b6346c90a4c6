import type { BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium, type Chromium } from '../../scripts/audit/chromium.ts';
import type { FixtureSite } from './fixture-site.ts';
import { startStaticServer, type StaticServer } from '../../scripts/audit/static-server.ts';

/** A built site on a loopback port, with a Chromium to read it in. */
export interface ServedSite {
  site: FixtureSite;
  server: StaticServer;
  chromium: Chromium;
  /** Script errors any page threw, and responses with an HTTP error status, with their URLs. */
  pageErrors: string[];
  /** Requests that got no response at all (the connection failed or was aborted), for diagnosis: not every one is an error. */
  failedRequests: string[];
  /** Opens a site path (`posts/x/`) in a fresh context; waits for the `load` event. */
  open(sitePath: string, options?: BrowserContextOptions): Promise<Page>;
  /** Stops browser and server and deletes the built site. */
  close(): Promise<void>;
}

/** Builds a fixture site and serves it; a failed build removes the site and fails with Astro's output. */
export async function buildAndServe(site: FixtureSite, options: { basePath?: string } = {}): Promise<ServedSite> {
  const result = await site.build();
  if (result.code !== 0) {
    site.remove();
    throw new Error(`fixture build failed:\n${result.output}`);
  }
  return serveSite(site, options);
}

export async function serveSite(site: FixtureSite, options: { basePath?: string } = {}): Promise<ServedSite> {
  let server: StaticServer | undefined;
  let chromium: Chromium | undefined;
  const close = async () => {
    try {
      await chromium?.close();
      await server?.close();
    } finally {
      site.remove();
    }
  };
  try {
    server = await startStaticServer(site.dist, options);
    chromium = await launchChromium();
  } catch (error) {
    await close();
    throw error;
  }
  const pageErrors: string[] = [];
  const failedRequests: string[] = [];
  const served: ServedSite = {
    site,
    server,
    chromium,
    pageErrors,
    failedRequests,
    async open(sitePath, contextOptions) {
      const page = await served.chromium.newPage(contextOptions);
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      page.on('requestfailed', (request) => failedRequests.push(`${request.url()} (${request.failure()?.errorText})`));
      page.on('response', (response) => {
        if (response.status() >= 400 && !isConventionalProbe(response.url())) {
          pageErrors.push(`${page.url()}: HTTP ${response.status()} for ${response.url()}`);
        }
      });
      const response = await page.goto(served.server.url(sitePath));
      if (!response?.ok()) throw new Error(`${sitePath}: HTTP ${response?.status()}`);
      return page;
    },
    close,
  };
  return served;
}

/**
 * Chromium asks every site for `/favicon.ico` unless a page declares an icon; a 404 there is
 * the browser guessing, not a page referring to something missing.
 */
function isConventionalProbe(url: string): boolean {
  return new URL(url).pathname === '/favicon.ico';
}
