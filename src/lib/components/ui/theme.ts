/** Theme preference: follows the OS unless the user picked one. app.html applies it before first paint. */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_STORAGE_KEY = 'fieldboard.theme';

export function readTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** The theme in effect for a choice: "system" follows the OS (app.html keeps following it). */
export function effectiveTheme(choice: ThemeChoice, prefersDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (prefersDark ? 'dark' : 'light') : choice;
}

export function applyTheme(choice: ThemeChoice): void {
  // `data-theme` always names the theme in effect: the dark palette lives under it once (app.css).
  document.documentElement.dataset.theme = effectiveTheme(choice, window.matchMedia('(prefers-color-scheme: dark)').matches);
  try {
    if (choice === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage can be unavailable (private mode); the choice then lasts for this tab only.
  }
}
