/**
 * A polite live region for a script's announcements ("Copied", "Sorted by Score"), created once
 * per page under its own id; screen readers read what is put in it.
 */
export function liveRegion(id: string): HTMLElement {
  const existing = document.getElementById(id);
  if (existing) return existing;
  const region = document.createElement('div');
  region.id = id;
  region.className = 'visually-hidden';
  region.setAttribute('role', 'status');
  document.body.append(region);
  return region;
}

/** Cleared first, so the same message twice is announced twice. */
export function announce(region: HTMLElement, message: string): void {
  region.textContent = '';
  window.setTimeout(() => (region.textContent = message), 50);
}
