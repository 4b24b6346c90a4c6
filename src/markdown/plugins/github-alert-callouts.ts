import type { Element, ElementContent } from 'hast';
import type { IOptions } from 'rehype-github-alerts';
import { CALLOUT_ICON_PATHS, CALLOUT_KINDS, CALLOUT_TITLES, isCalloutKind, type CalloutKind } from '../../essays/elements.ts';

/**
 * Options for `rehype-github-alerts`: GitHub's `> [!NOTE]` … `> [!CAUTION]` blockquotes become
 * Quire's callouts, the same markup as the `<Aside>` MDX component (src/components/essay/Aside.astro).
 */
export const githubAlertCallouts: IOptions = {
  alerts: CALLOUT_KINDS.map((kind) => ({ keyword: kind.toUpperCase(), icon: calloutIcon(kind), title: CALLOUT_TITLES[kind] })),
  build: (alert, children) => {
    const kind = alert.keyword.toLowerCase();
    return isCalloutKind(kind) ? calloutElement(kind, alert.title, children) : null;
  },
};

/**
 * `<div class="callout callout-note" role="note">` with its title first. A `div`, not an
 * `<aside>`: reader modes and feed readers drop asides, and a warning must not be dropped.
 * `role="note"` tells assistive technology the box is parenthetic to the text around it.
 */
export function calloutElement(kind: CalloutKind, title: string, children: ElementContent[]): Element {
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: ['callout', `callout-${kind}`], role: 'note' },
    children: [
      {
        type: 'element',
        tagName: 'p',
        properties: { className: ['callout-title'] },
        children: [calloutIcon(kind), { type: 'text', value: title }],
      },
      ...children,
    ],
  };
}

export function calloutIcon(kind: CalloutKind): Element {
  return {
    type: 'element',
    tagName: 'svg',
    properties: { className: ['callout-icon'], viewBox: '0 0 16 16', width: 16, height: 16, ariaHidden: 'true', focusable: 'false' },
    children: [{ type: 'element', tagName: 'path', properties: { d: CALLOUT_ICON_PATHS[kind] }, children: [] }],
  };
}
