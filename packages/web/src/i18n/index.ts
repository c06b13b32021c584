import { useCallback, useSyncExternalStore } from 'react';
import { en } from './en';
import { enAssessment } from './en-assessment';
import { enFunds } from './en-funds';
import { enPayroll } from './en-payroll';
import { getLang, setLang, subscribeLang, type Lang } from './store';
import { zh } from './zh';
import { zhAssessment } from './zh-assessment';
import { zhFunds } from './zh-funds';
import { zhPayroll } from './zh-payroll';

export type { Lang };
export { getLang, setLang };

// zh.ts holds the console's words; larger areas keep theirs in their own pair of files.
const ZH = { ...zh, ...zhAssessment, ...zhPayroll, ...zhFunds };
const EN = { ...en, ...enAssessment, ...enPayroll, ...enFunds };
export type MessageKey = keyof typeof ZH;

export type Params = Record<string, string | number>;
export type Dictionary = Partial<Record<string, string>>;

const DICTIONARIES: Record<Lang, Dictionary> = { zh: ZH, en: EN };

/** Looks a key up in the language, then in Chinese, then shows the key itself; fills {name} slots. */
export function translateWith(dict: Dictionary, fallback: Dictionary, key: string, params?: Params): string {
  const text = dict[key] ?? fallback[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot));
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return translateWith(DICTIONARIES[lang], ZH, key, params);
}

/** Translates in the current language outside React (API client messages). */
export function tNow(key: MessageKey, params?: Params): string {
  return translate(getLang(), key, params);
}

export type Translate = (key: MessageKey, params?: Params) => string;

export function useI18n(): { lang: Lang; t: Translate; setLang: (lang: Lang) => void } {
  const lang = useSyncExternalStore(subscribeLang, getLang, getLang);
  const t = useCallback<Translate>((key, params) => translate(lang, key, params), [lang]);
  return { lang, t, setLang };
}

/** The label of a vocabulary value (department kind, category…) in the current language. */
export function vocab<K extends string>(labels: Record<K, { zh: string; en: string }>, key: K, lang: Lang): string {
  return labels[key][lang];
}
