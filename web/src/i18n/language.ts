// The chosen language: remembered in localStorage, first guessed from the browser.
import type { Language } from './format';

const KEY = 'rete.language';

export function initialLanguage(): Language {
  const saved = localStorage.getItem(KEY);
  if (saved === 'it' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('it') ? 'it' : 'en';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(KEY, language);
  document.documentElement.lang = language;
}
