import { DESKTOP, findChromium, PHONE } from '../scripts/audit/chromium.ts';
import { formatPageWeight, measurePageWeight, ownJavaScriptGzip } from '../tests/support/page-weight.ts';
import { buildSeedSite, SEED_SLUG } from '../tests/support/seed-site.ts';
import { serveSite } from '../tests/support/served-site.ts';

/**
 * Page weight of a first visit, as Chromium fetches it from the built site on a loopback server.
 * Sizes, not timings: they are the same on every machine, so they can be compared run to run.
 */
const PAGES = [
  ['home', ''],
  ['essay', `posts/${SEED_SLUG}/`],
] as const;

export async function benchWeight(_args: string[]): Promise<void> {
  if (!findChromium()) throw new Error('Chromium not found: set CHROME_PATH or `apt-get install chromium`');
  console.log('Building the site…');
  const served = await serveSite(await buildSeedSite('bench-weight'));
  try {
    for (const viewport of [DESKTOP, PHONE]) {
      for (const [name, sitePath] of PAGES) {
        const weight = await measurePageWeight(served.chromium, served.server.url(sitePath), { viewport });
        console.log(`\n${formatPageWeight(`${name} @ ${viewport.width}px`, weight)}`);
        console.log(`own JavaScript: ${(ownJavaScriptGzip(weight) / 1024).toFixed(2)} KB gzip`);
      }
    }
  } finally {
    await served.close();
  }
}
