import type { Element, ElementContent } from 'hast';
import type { ShikiTransformer } from 'shiki';

export interface CodeFrameOptions {
  /** Class of the frame around each block; the copy button (src/browser/code-copy-button.ts) looks for it. */
  className?: string;
}

/**
 * Puts every highlighted code block in a frame, and gives it a title bar when the fence says
 * `title="config.ts"`: ```` ```ts title="config.ts" ```` renders as
 * `<figure class="code-block"><figcaption class="code-title">config.ts</figcaption><pre>…</pre></figure>`,
 * so the file name is the block's accessible name too. Blocks without a title get a plain
 * `<div class="code-block">`. A Shiki transformer rather than a rehype plugin because only Shiki
 * still sees the fence's meta string.
 */
export function transformerCodeFrame({ className = 'code-block' }: CodeFrameOptions = {}): ShikiTransformer {
  return {
    name: 'quire:code-frame',
    root(root) {
      const title = codeTitle(this.options.meta?.__raw);
      const frame: Element = title
        ? {
            type: 'element',
            tagName: 'figure',
            properties: { className: [className] },
            children: [
              { type: 'element', tagName: 'figcaption', properties: { className: ['code-title'] }, children: [{ type: 'text', value: title }] },
              ...(root.children as ElementContent[]),
            ],
          }
        : { type: 'element', tagName: 'div', properties: { className: [className] }, children: root.children as ElementContent[] };
      root.children = [frame];
    },
  };
}

/** `title="config.ts"` or `title='my file.ts'` anywhere in a fence's meta string. */
export function codeTitle(meta: string | undefined): string | undefined {
  const match = meta?.match(/(?:^|\s)title=(?:"([^"]*)"|'([^']*)')/);
  const title = (match?.[1] ?? match?.[2])?.trim();
  return title || undefined;
}
