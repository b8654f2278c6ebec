import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../api/types';
import en from './en.json';
import uk from './uk.json';

/**
 * Ukrainian is the default; English is complete. The choice is kept in localStorage (so the sign-in page
 * opens in it) and, once signed in, on the user's account (PUT /profile/locale).
 */
export const LOCALES: readonly Locale[] = ['uk', 'en'];
export const LOCALE_NAMES: Record<Locale, string> = { uk: 'Українська', en: 'English' };
const STORAGE_KEY = 'opennrm.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'uk' || value === 'en';
}

function storedLocale(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : 'uk';
  } catch {
    return 'uk';
  }
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'uk';
}

/** The BCP 47 locale for Intl: Ukrainian as used in Ukraine, English with day-month-year dates. */
export function intlLocale(locale: string): string {
  return locale === 'en' ? 'en-GB' : 'uk-UA';
}

function applyDocumentLanguage(lng: string): void {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

i18n.on('languageChanged', applyDocumentLanguage);

void i18n.use(initReactI18next).init({
  resources: { uk: { translation: uk }, en: { translation: en } },
  lng: storedLocale(),
  fallbackLng: 'uk',
  supportedLngs: ['uk', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
  react: { useSuspense: false },
});
applyDocumentLanguage(currentLocale());

export default i18n;
