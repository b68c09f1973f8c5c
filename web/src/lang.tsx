import { createContext, useContext, useState, type ReactNode } from 'react';
import type { Label } from './api.ts';

/**
 * The language on screen and the means of reading a catalogue of words in it. Kept apart from the catalogues
 * themselves so that a page loads only the words it shows (the public pages: web/src/i18n-public.ts; the staff
 * client: web/src/i18n.tsx).
 */
export type Lang = 'vi' | 'en';

const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({ lang: 'vi', setLang: () => {} });

/** The language chosen on this browser, for code outside React (an error made by the fetch helper). */
export const storedLang = (): Lang => (localStorage.getItem('bdg.lang') === 'en' ? 'en' : 'vi');

/** The language on screen, for formatting outside React: every page re-renders when it changes. */
let shown: Lang | null = null;
export const currentLang = (): Lang => (shown ??= storedLang());

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = (l: Lang) => {
    localStorage.setItem('bdg.lang', l);
    shown = l;
    document.documentElement.lang = l;
    setLangState(l);
  };
  return <LangContext.Provider value={{ lang, setLang }}>{children}</LangContext.Provider>;
}

export function useLang() {
  return useContext(LangContext);
}

/** Fills `{name}` placeholders; a placeholder without a value stays visible rather than vanishing. */
export const fill = (text: string, vars: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/gu, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

/** The readers of one catalogue: a hook for pages, and the same words outside React. */
export function catalogue<S extends Record<string, Label>>(strings: S) {
  type Key = keyof S & string;
  const hasString = (key: string): key is Key => Object.hasOwn(strings, key);
  /** A catalogue entry in the language on screen, outside React. */
  const translateNow = (key: Key, vars: Record<string, string | number> = {}): string =>
    fill(strings[key][currentLang()], vars);
  /** t('key') in the current language; label(x) for the API's {vi, en} labels. */
  function useT() {
    const { lang } = useLang();
    return {
      lang,
      t: (key: Key) => strings[key][lang],
      /** t with its {name} placeholders filled: tf('mStorySaved', { n: 12 }) */
      tf: (key: Key, vars: Record<string, string | number>) => fill(strings[key][lang], vars),
      /** a key made at run time (a field's or an action's name): its words when known, else `fallback` */
      tOr: (key: string, fallback: string) => (hasString(key) ? strings[key][lang] : fallback),
      label: (l: Label | undefined, fallback = '') => (l ? l[lang] : fallback),
    };
  }
  return { useT, translateNow, hasString };
}
