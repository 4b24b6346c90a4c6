/**
 * The reader's colour theme: `light`, `dark`, or `system` (follow `prefers-color-scheme`).
 * The choice lives in localStorage and on `<html data-theme>`; an inline script in the head
 * applies it before first paint, this module only wires up the toggle.
 */
export const THEME_STORAGE_KEY = 'quire-theme';
export type ThemeChoice = 'light' | 'dark' | 'system';

export function readThemeChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

export function applyThemeChoice(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    if (choice === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Private browsing may refuse storage; the choice still holds for this page.
  }
}

export function enhanceThemeToggle(): void {
  const toggle = document.querySelector<HTMLFieldSetElement>('[data-theme-toggle]');
  if (!toggle) return;
  const current = readThemeChoice();
  for (const input of toggle.querySelectorAll<HTMLInputElement>('input[name="theme"]')) {
    input.checked = input.value === current;
    input.addEventListener('change', () => {
      if (input.checked) applyThemeChoice(input.value as ThemeChoice);
    });
  }
  toggle.hidden = false;
}
