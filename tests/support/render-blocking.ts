import { attr, byTag, textOf, type Element } from '../../scripts/audit/html.ts';

/**
 * An inline classic script in the head (such as one applying a saved colour theme before first
 * paint, so the page never flashes the wrong one) holds up the parser without fetching anything;
 * a small one is allowed. A script that must be fetched before the page can render is not.
 */
export const INLINE_HEAD_SCRIPT_LIMIT = 1024;

const JAVASCRIPT_TYPES = ['', 'module', 'text/javascript', 'application/javascript'];

/** Scripts in a document's `<head>` that hold up the first render, each with the reason. */
export function renderBlockingScripts(html: Element): string[] {
  const head = byTag(html, 'head')[0];
  if (!head) return [];
  return byTag(head, 'script').flatMap((script) => {
    const type = (attr(script, 'type') ?? '').trim().toLowerCase();
    // Modules are deferred; JSON-LD, import maps and other data blocks are not run at all.
    if (type === 'module' || !JAVASCRIPT_TYPES.includes(type)) return [];
    const src = attr(script, 'src');
    if (src !== undefined) {
      const deferred = attr(script, 'defer') !== undefined || attr(script, 'async') !== undefined;
      return deferred ? [] : [`<script src="${src}"> without type=module, defer or async`];
    }
    const bytes = Buffer.byteLength(textOf(script));
    return bytes > INLINE_HEAD_SCRIPT_LIMIT ? [`inline classic <script> of ${bytes} bytes (limit ${INLINE_HEAD_SCRIPT_LIMIT})`] : [];
  });
}
