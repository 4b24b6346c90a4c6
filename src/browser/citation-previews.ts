/**
 * Progressive enhancement for citation previews (shown by CSS on hover and focus): Escape hides
 * the one showing without moving the pointer or the focus (WCAG 1.4.13), until the pointer or
 * the focus leaves that citation. Without JavaScript the previews still work; only Escape does not.
 */
export function enhanceCitationPreviews(): void {
  const DISMISSED = 'data-preview-dismissed';
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    for (const item of document.querySelectorAll<HTMLElement>('.citation-item:hover, .citation-item:focus-within')) {
      item.setAttribute(DISMISSED, '');
    }
  });
  const restore = (event: FocusEvent | MouseEvent) => {
    const item = (event.target as Element | null)?.closest?.('.citation-item');
    if (item && !item.contains(event.relatedTarget as Node | null)) item.removeAttribute(DISMISSED);
  };
  document.addEventListener('focusout', restore);
  document.addEventListener('mouseout', restore);
}
