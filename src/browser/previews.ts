/**
 * Progressive enhancement for previews (shown by CSS on hover and focus): citations', footnotes',
 * cross-references' and other essays'. Escape hides the one showing without moving the pointer
 * or the focus (WCAG 1.4.13), until the pointer or the focus leaves its link. Without JavaScript
 * the previews still work; only Escape does not.
 */
export function enhancePreviews(): void {
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
