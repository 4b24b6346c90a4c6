import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, formatViolations } from '../../scripts/audit/axe.ts';
import { chromiumIsAvailable, closePage, PHONE } from '../../scripts/audit/chromium.ts';
import { createFixtureSite } from '../support/fixture-site.ts';
import { horizontalOverflow } from '../../scripts/audit/reader-checks.ts';
import { buildAndServe, type ServedSite } from '../support/served-site.ts';

/**
 * Light and dark themes, on a fixture essay with a code block (the seed essay has none): text
 * and Shiki's tokens must both follow the reader's colour scheme, and stay readable in each.
 */
const CODE_ESSAY = `---
title: Code in both themes
description: A fixture essay with a fenced TypeScript block.
date: 2024-03-01
---

Some running text before the code, with a [link](#the-code) and \`inline code\`.

## The code

\`\`\`ts
// Comments are the faintest tokens: the first to fail a contrast check.
export function greet(name: string): string {
  const greeting = \`Hello, \${name}! This line is long enough to need a horizontal scroll on a phone screen.\`;
  return greeting;
}
\`\`\`

Text after the code.
`;

type Scheme = 'light' | 'dark';

interface ThemeColours {
  bodyText: string;
  bodyBackground: string;
  codeBackground: string;
  /** The `function` keyword's token. */
  keyword: string;
  /** The colour the token's inline style gives this scheme's Shiki theme. */
  keywordInTheme: string;
}

describe.skipIf(!chromiumIsAvailable())('light and dark themes', () => {
  let served: ServedSite;
  beforeAll(async () => {
    const site = createFixtureSite('themes', { 'posts/code-in-both-themes.md': CODE_ESSAY });
    served = await buildAndServe(site);
  });
  afterAll(async () => {
    await served?.close();
  });

  /** Colours on the page as it is now, for the given scheme's Shiki variable. */
  function coloursOn(page: Page, scheme: Scheme): Promise<ThemeColours> {
    return page.evaluate((scheme) => {
      const tokens = [...document.querySelectorAll<HTMLElement>('pre code .line > span')];
      const keyword = tokens.find((span) => span.textContent?.trim() === 'function');
      if (!keyword) throw new Error('no Shiki token for `function` in the code block');
      const pre = document.querySelector('pre')!;
      const probe = document.createElement('span');
      probe.style.color = keyword.style.getPropertyValue(`--shiki-${scheme}`);
      document.body.append(probe);
      const colours = {
        bodyText: getComputedStyle(document.body).color,
        bodyBackground: getComputedStyle(document.body).backgroundColor,
        codeBackground: getComputedStyle(pre).backgroundColor,
        keyword: getComputedStyle(keyword).color,
        keywordInTheme: getComputedStyle(probe).color,
      };
      probe.remove();
      return colours;
    }, scheme);
  }

  it('switches body text and code tokens when the reader’s colour scheme changes', async () => {
    const page = await served.open('posts/code-in-both-themes/');
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await coloursOn(page, 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await coloursOn(page, 'dark');
    await closePage(page);
    console.log('Theme colours', { light, dark });

    expect(dark.bodyText).not.toBe(light.bodyText);
    expect(dark.bodyBackground).not.toBe(light.bodyBackground);
    expect(dark.codeBackground).not.toBe(light.codeBackground);
    expect(dark.keyword).not.toBe(light.keyword);
    // Each scheme shows the token in its own Shiki theme's colour (`--shiki-light` / `--shiki-dark`).
    expect(light.keyword).toBe(light.keywordInTheme);
    expect(dark.keyword).toBe(dark.keywordInTheme);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations on a page with code, ${colorScheme}`, async () => {
      const page = await served.open('posts/code-in-both-themes/', { colorScheme });
      const violations = await axeViolations(page);
      await closePage(page);
      // Contrast here covers every Shiki token colour of the theme in use (WCAG AA, 4.5:1).
      expect(violations.length, `axe (${colorScheme}):\n${formatViolations(violations)}`).toBe(0);
    });
  }

  it('scrolls a long code line inside its block, never the page (390 px)', async () => {
    const page = await served.open('posts/code-in-both-themes/', { viewport: PHONE });
    const overflow = await horizontalOverflow(page);
    expect(overflow.scrollWidth, overflow.culprits.join('\n')).toBeLessThanOrEqual(overflow.innerWidth);
    expect(await page.locator('.prose pre').evaluate((pre) => pre.scrollWidth > pre.clientWidth)).toBe(true);
    await closePage(page);
  });
});
