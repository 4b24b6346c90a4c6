import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, formatViolations } from '../../scripts/audit/axe.ts';
import { chromiumIsAvailable, closePage, DESKTOP, PHONE } from '../../scripts/audit/chromium.ts';
import { horizontalOverflow, tabTo } from '../../scripts/audit/reader-checks.ts';
import { createFixtureSite } from '../support/fixture-site.ts';
import { repoRoot } from '../support/paths.ts';
import { buildAndServe, type ServedSite } from '../support/served-site.ts';

/** The data tables of tests/fixtures/data-tables in Chromium: sorting by mouse and keyboard, and without JavaScript. */
const FIXTURE = path.join(repoRoot, 'tests', 'fixtures', 'data-tables');
const MARKDOWN = '/posts/data-tables/';
const MDX = '/posts/data-components/';
const patiently = { timeout: 15_000 };

/** The row labels of the `index`th data table on the page, top to bottom. */
const rowLabels = (page: Page, index = 0) =>
  page.evaluate((index) => [...document.querySelectorAll('.data-table')[index]!.querySelectorAll('tbody th[scope="row"]')].map((th) => th.textContent), index);
/** Each column header's text and aria-sort (null when unsorted). */
const sortState = (page: Page, index = 0) =>
  page.evaluate(
    (index) => [...document.querySelectorAll('.data-table')[index]!.querySelectorAll('thead th')].map((th) => [th.textContent, th.getAttribute('aria-sort')]),
    index,
  );
/** The sorted column and its direction, as its header says: `['Model ascending']`, or none. */
const sortedBy = async (page: Page, index = 0) => (await sortState(page, index)).filter(([, sort]) => sort !== null).map(([text, sort]) => `${text} ${sort}`);
const buttonsReady = (page: Page, count: number) => page.waitForFunction((count) => document.querySelectorAll('thead .sort-button').length === count, count, patiently);

const ORIGINAL = ['ResNet-50', 'ViT-B/16', 'EfficientNet-B0', 'ConvNeXt-T, 22k', 'MobileNetV3-L', 'Swin-T'];

describe.skipIf(!chromiumIsAvailable())('data tables in Chromium', () => {
  let served: ServedSite;
  beforeAll(async () => {
    const site = createFixtureSite('data-tables-browser');
    cpSync(FIXTURE, path.join(site.root, 'content'), { recursive: true });
    served = await buildAndServe(site);
  });
  afterAll(async () => {
    await served?.close();
  });

  it('sort by a click on a column heading: numbers by value, ties in their order, a second click reversing', async () => {
    const page = await served.open(MARKDOWN, { viewport: DESKTOP });
    // Six headings in the CSV's table, four in the JSON's.
    await buttonsReady(page, 10);
    expect(await rowLabels(page)).toEqual(ORIGINAL);
    expect(await sortedBy(page)).toEqual([]);

    const parameters = page.getByRole('button', { name: 'Parameters (M)', exact: true });
    await parameters.click();
    // ConvNeXt and Swin both have 28.6: they keep the order they had, in both directions.
    expect(await rowLabels(page)).toEqual(['EfficientNet-B0', 'MobileNetV3-L', 'ResNet-50', 'ConvNeXt-T, 22k', 'Swin-T', 'ViT-B/16']);
    expect(await sortedBy(page)).toEqual(['Parameters (M) ascending']);
    await expect.poll(() => page.locator('#table-sort-status[role="status"]').textContent(), patiently).toBe('Sorted by Parameters (M), ascending');

    await parameters.click();
    expect(await rowLabels(page)).toEqual(['ViT-B/16', 'ConvNeXt-T, 22k', 'Swin-T', 'ResNet-50', 'MobileNetV3-L', 'EfficientNet-B0']);
    expect(await sortedBy(page)).toEqual(['Parameters (M) descending']);
    await expect.poll(() => page.locator('#table-sort-status').textContent(), patiently).toBe('Sorted by Parameters (M), descending');

    // A missing latency ("—") goes last both ways; only the sorted column has aria-sort.
    const latency = page.getByRole('button', { name: 'Latency (ms)', exact: true });
    await latency.click();
    expect(await rowLabels(page)).toEqual(['MobileNetV3-L', 'EfficientNet-B0', 'ResNet-50', 'Swin-T', 'ViT-B/16', 'ConvNeXt-T, 22k']);
    expect(await sortedBy(page)).toEqual(['Latency (ms) ascending']);
    await latency.click();
    expect(await rowLabels(page)).toEqual(['ViT-B/16', 'Swin-T', 'ResNet-50', 'EfficientNet-B0', 'MobileNetV3-L', 'ConvNeXt-T, 22k']);

    // Text in the language's order; the row labels' own column sorts too.
    await page.getByRole('button', { name: 'Model', exact: true }).click();
    expect(await rowLabels(page)).toEqual(['ConvNeXt-T, 22k', 'EfficientNet-B0', 'MobileNetV3-L', 'ResNet-50', 'Swin-T', 'ViT-B/16']);
    expect(await sortedBy(page)).toEqual(['Model ascending']);
    // The other table on the page is left as it was.
    expect(await rowLabels(page, 1)).toEqual(['Image classification', 'Object detection', 'Segmentation']);
    expect(served.pageErrors).toEqual([]);
    await closePage(page);
  });

  it('sort from the keyboard: Tab to a heading’s button, Enter, then Space to reverse', async () => {
    const page = await served.open(MARKDOWN, { viewport: DESKTOP });
    await buttonsReady(page, 10);
    await page.evaluate(() => {
      const button = document.querySelectorAll('.data-table')[0]!.querySelectorAll('thead th')[3]!.querySelector('button')!;
      button.dataset.testTarget = '';
    });
    expect(await tabTo(page, '[data-test-target]')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Top-1 accuracy (%)');
    await page.keyboard.press('Enter');
    expect(await rowLabels(page)).toEqual(['MobileNetV3-L', 'ResNet-50', 'EfficientNet-B0', 'ViT-B/16', 'Swin-T', 'ConvNeXt-T, 22k']);
    expect(await sortedBy(page)).toEqual(['Top-1 accuracy (%) ascending']);
    await page.keyboard.press('Space');
    expect(await rowLabels(page)).toEqual(['ConvNeXt-T, 22k', 'Swin-T', 'ViT-B/16', 'EfficientNet-B0', 'ResNet-50', 'MobileNetV3-L']);
    expect(await sortedBy(page)).toEqual(['Top-1 accuracy (%) descending']);
    // Focus stays on the button, so the reader can press again.
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-test-target'))).toBe(true);
    await closePage(page);
  });

  it('sort the <DataTable> of an MDX essay the same way', async () => {
    const page = await served.open(MDX, { viewport: DESKTOP });
    await buttonsReady(page, 9);
    await page.getByRole('button', { name: 'CPU (ms)', exact: true }).click();
    await page.getByRole('button', { name: 'CPU (ms)', exact: true }).click();
    expect(await rowLabels(page, 1)).toEqual(['64', '8', '1']);
    expect(await sortedBy(page, 1)).toEqual(['CPU (ms) descending']);
    await closePage(page);
  });

  it('without JavaScript, are the whole table as the file has it, with no buttons, and the download link', async () => {
    const page = await served.open(MARKDOWN, { viewport: PHONE, javaScriptEnabled: false });
    expect(await page.locator('thead button').count()).toBe(0);
    expect(await rowLabels(page)).toEqual(ORIGINAL);
    expect((await sortState(page)).map(([text, sort]) => [text, sort])).toEqual(
      ['Model', 'Parameters (M)', 'Training images', 'Top-1 accuracy (%)', 'Latency (ms)', 'Licence'].map((text) => [text, null]),
    );
    expect(await page.locator('.data-table tbody td').count()).toBe(6 * 5 + 3 * 3);
    const download = page.getByRole('link', { name: 'Download the data (CSV)' });
    expect(await download.getAttribute('href')).toBe('results.csv');
    await closePage(page);
  });

  it('serve the data files the download links point to', async () => {
    const page = await served.open(MARKDOWN);
    for (const [link, file] of [
      ['results.csv', 'data-tables/results.csv'],
      ['benchmarks.json', 'data-tables/benchmarks.json'],
    ] as const) {
      const href = await page.locator(`.data-table-download a[href="${link}"]`).evaluate((a: HTMLAnchorElement) => a.href);
      const response = await page.request.get(href);
      expect(response.status()).toBe(200);
      expect(Buffer.from(await response.body())).toEqual(readFileSync(path.join(FIXTURE, 'posts', file)));
    }
    await closePage(page);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`are axe-clean, sorted or not, and never scroll the page sideways, ${colorScheme}, at 390 and 1280 px`, async () => {
      const report: string[] = [];
      for (const urlPath of [MARKDOWN, MDX]) {
        for (const viewport of [PHONE, DESKTOP]) {
          const page = await served.open(urlPath, { viewport, colorScheme });
          await page.waitForFunction(() => document.querySelector('thead .sort-button') !== null, undefined, patiently);
          const before = await axeViolations(page);
          await page.locator('thead .sort-button').nth(1).click();
          const after = await axeViolations(page);
          const overflow = await horizontalOverflow(page);
          await closePage(page);
          for (const [when, violations] of [['unsorted', before], ['sorted', after]] as const) {
            if (violations.length > 0) report.push(`${urlPath} at ${viewport.width}px, ${when}:\n${formatViolations(violations)}`);
          }
          if (overflow.scrollWidth > overflow.innerWidth) report.push(`${urlPath} at ${viewport.width}px scrolls sideways: ${overflow.culprits.join(', ')}`);
        }
      }
      expect(report, report.join('\n')).toEqual([]);
    }, 300_000);
  }
});
