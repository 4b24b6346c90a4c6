/**
 * Progressive enhancement for previews (shown by CSS on hover and focus): citations', footnotes',
 * cross-references' and other essays'. A preview lingers half a second after the pointer leaves
 * its link, so that the pointer can reach it, and Escape hides the one showing without moving the
 * pointer or the focus (WCAG 1.4.13), until the pointer or the focus leaves its link. Without
 * JavaScript the previews still show on hover and focus; they do not linger, and Escape does not
 * hide them.
 */
export function enhancePreviews(): void {
  // The page's styles are in place when a module script runs; reading a layout applies them to
  // every preview before the linger is turned on, so that no preview lingers into view as the
  // page loads (src/styles/essay-apparatus.css says why it could).
  void document.documentElement.offsetWidth;
  document.documentElement.setAttribute('data-previews-linger', '');
  const ITEM = ':is(.citation-item, .preview-item)';
  const DISMISSED = 'data-preview-dismissed';
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    for (const item of document.querySelectorAll<HTMLElement>(`${ITEM}:is(:hover, :focus-within)`)) item.setAttribute(DISMISSED, '');
  });
  const restore = (event: FocusEvent | MouseEvent) => {
    const item = (event.target as Element | null)?.closest?.(ITEM);
    if (item && !item.contains(event.relatedTarget as Node | null)) item.removeAttribute(DISMISSED);
  };
  document.addEventListener('focusout', restore);
  document.addEventListener('mouseout', restore);
}
