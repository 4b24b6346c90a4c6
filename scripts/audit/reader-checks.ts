import type { Page } from 'playwright-core';

/**
 * What a reader can see or do on a page, measured inside Chromium. Functions passed to
 * `page.evaluate` run in the page, so each one is self-contained.
 */

/** The TOC's link targets (`#id`), in reading order. */
export function tocTargets(page: Page): Promise<string[]> {
  return page.$$eval('[data-toc] a[href^="#"]', (links) => links.map((link) => link.getAttribute('href')!));
}

/** The TOC entry marked as the section being read, if any. */
export function currentTocEntry(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('[data-toc] a[aria-current="location"]')?.getAttribute('href') ?? null);
}

/** Distance from the top of the viewport to the element with this id. */
export function topOf(page: Page, id: string): Promise<number> {
  return page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, id);
}

/**
 * What could be showing a preview no one asked for, as a line for a failed assertion's message:
 * the elements under the pointer (`:hover`), the focused one, the transitions running, and the
 * stylesheets linked and applied (a page without its CSS shows every preview inline).
 */
export function previewTriggers(page: Page): Promise<string> {
  return page.evaluate(() => {
    const name = (el: Element | null | undefined) => (el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}` : 'none');
    const hovered = [...document.querySelectorAll(':hover')].map(name).join(' > ') || 'nothing';
    const transitions = document.getAnimations().map((animation) => `${(animation as CSSTransition).transitionProperty ?? 'animation'} of ${name((animation.effect as KeyframeEffect | null)?.target as Element | null)}`);
    const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')];
    const applied = links.filter((link) => link.sheet !== null).length;
    return `hovered: ${hovered}; focused: ${name(document.activeElement)}; running: ${transitions.join(', ') || 'nothing'}; stylesheets applied: ${applied} of ${links.length}; document ${document.readyState}`;
  });
}

/** Where the first element a selector finds sits in the viewport, in CSS pixels. */
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function box(page: Page, selector: string): Promise<Box> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const { left, right, top, bottom } = el.getBoundingClientRect();
      return { left, right, top, bottom };
    });
}

/**
 * Waits until the page has stopped scrolling (smooth scrolling, wheel momentum). Polled from
 * here rather than with requestAnimationFrame in the page, so it works with JavaScript off.
 */
export async function scrollToSettle(page: Page): Promise<void> {
  let last = Number.NaN;
  let stillFor = 0;
  for (let check = 0; check < 300 && stillFor < 4; check++) {
    const position = await page.evaluate(() => window.scrollY);
    stillFor = position === last ? stillFor + 1 : 0;
    last = position;
    await page.waitForTimeout(25);
  }
}

/** How far the page scrolls sideways, and which elements stick out past the viewport's right edge. */
export function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const describe = (el: Element) =>
      el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + [...el.classList].map((c) => `.${c}`).join('');
    // Only the outermost offenders: their descendants stick out because they do.
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .filter((el) => !(el.parentElement && el.parentElement.getBoundingClientRect().right > window.innerWidth + 0.5))
      .map((el) => `${describe(el)} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, culprits };
  });
}

export interface FocusState {
  /** A short CSS-like description of the focused element. */
  element: string;
  /** Everything that keeps a sighted keyboard user from seeing where focus is; empty when fine. */
  problems: string[];
}

/**
 * Is the focused element's focus ring visible? It must match `:focus-visible`, have a solid
 * outline of at least 2 px with 3:1 contrast against the background around it (WCAG 1.4.11),
 * be visible itself (not transparent, not hidden), and the ring must not be cut off by the
 * viewport's sides or by an ancestor that clips overflow.
 */
export function focusState(page: Page): Promise<FocusState> {
  return page.evaluate(() => {
    const describe = (el: Element) =>
      el.tagName.toLowerCase() +
      (el.id ? `#${el.id}` : '') +
      [...el.classList].map((c) => `.${c}`).join('') +
      (el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : '');
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return { element: '(nothing)', problems: ['nothing has focus'] };

    const problems: string[] = [];
    const style = getComputedStyle(el);
    const width = parseFloat(style.outlineWidth);
    if (!el.matches(':focus-visible')) problems.push('does not match :focus-visible');
    if (style.outlineStyle === 'none' || style.outlineStyle === 'hidden' || !(width >= 2)) {
      problems.push(`outline is ${style.outlineStyle} ${style.outlineWidth}`);
    }
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) problems.push('element itself is invisible');
    const rect = el.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1) problems.push('element has no size');
    if (rect.bottom <= 0 || rect.top >= window.innerHeight) problems.push('element is scrolled out of view');

    const reach = Math.max(0, width + parseFloat(style.outlineOffset));
    const ringLeft = rect.left - reach;
    const ringRight = rect.right + reach;
    if (ringLeft < -0.5 || ringRight > window.innerWidth + 0.5) problems.push('ring runs off the side of the viewport');
    for (let ancestor = el.parentElement; ancestor && ancestor !== document.body; ancestor = ancestor.parentElement) {
      const { overflowX, overflowY } = getComputedStyle(ancestor);
      if (overflowX === 'visible' && overflowY === 'visible') continue;
      const box = ancestor.getBoundingClientRect();
      const clipLeft = box.left + ancestor.clientLeft;
      const clipRight = clipLeft + ancestor.clientWidth;
      if (ringLeft < clipLeft - 0.5 || ringRight > clipRight + 0.5) problems.push(`ring is clipped by ${describe(ancestor)}`);
    }

    // Colours as the canvas sees them, whatever syntax the computed style uses (rgb(), color()…).
    const context = new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true })!;
    const rgba = (color: string) => {
      context.clearRect(0, 0, 1, 1);
      context.fillStyle = color;
      context.fillRect(0, 0, 1, 1);
      return [...context.getImageData(0, 0, 1, 1).data];
    };
    const luminance = ([r, g, b]: number[]) => {
      const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
    };
    // The ring is drawn around the element, over its parent's background: the nearest opaque one.
    let background = rgba(getComputedStyle(document.documentElement).backgroundColor);
    for (let ancestor = el.parentElement; ancestor; ancestor = ancestor.parentElement) {
      const color = rgba(getComputedStyle(ancestor).backgroundColor);
      if (color[3] === 255) {
        background = color;
        break;
      }
    }
    if (background[3] === 255 && style.outlineStyle !== 'none') {
      const [lighter, darker] = [luminance(rgba(style.outlineColor)), luminance(background)].sort((a, b) => b - a);
      const contrast = (lighter! + 0.05) / (darker! + 0.05);
      if (contrast < 3) problems.push(`ring contrast ${contrast.toFixed(2)}:1 is below 3:1`);
    }
    return { element: describe(el), problems };
  });
}

/** Presses Tab until the focused element matches `selector`; false if it never does. */
export async function tabTo(page: Page, selector: string, maxPresses = 80): Promise<boolean> {
  for (let press = 0; press < maxPresses; press++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, selector)) return true;
  }
  return false;
}
