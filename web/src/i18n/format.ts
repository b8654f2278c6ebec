import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../api/types';
import { intlLocale, isLocale } from './index';

/** Dates, times and numbers in the reader's language (uk-UA or en-GB), through Intl. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang: Locale = isLocale(i18n.language) ? i18n.language : 'uk';
  return useMemo(() => {
    const locale = intlLocale(lang);
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const dateTimeSecondsFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const plainDateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const numberFormat = new Intl.NumberFormat(locale);
    const valid = (d: Date) => !Number.isNaN(d.getTime());
    return {
      lang,
      locale,
      dateTime: (iso: string | null | undefined) => (iso && valid(new Date(iso)) ? dateTimeFormat.format(new Date(iso)) : ''),
      dateTimeSeconds: (iso: string | null | undefined) =>
        iso && valid(new Date(iso)) ? dateTimeSecondsFormat.format(new Date(iso)) : '',
      date: (iso: string | null | undefined) => (iso && valid(new Date(iso)) ? dateFormat.format(new Date(iso)) : ''),
      /** A calendar date (YYYY-MM-DD) with no time zone: shown as that same day everywhere. */
      plainDate: (ymd: string | null | undefined) =>
        ymd && valid(new Date(`${ymd.slice(0, 10)}T00:00:00Z`)) ? plainDateFormat.format(new Date(`${ymd.slice(0, 10)}T00:00:00Z`)) : '',
      number: (n: number) => numberFormat.format(n),
      /** The Ukrainian or English name of a bilingual record. */
      name: (o: { nameUk: string; nameEn: string }) => (lang === 'en' ? o.nameEn || o.nameUk : o.nameUk),
      label: (o: { labelUk: string; labelEn: string }) => (lang === 'en' ? o.labelEn || o.labelUk : o.labelUk),
    };
  }, [lang]);
}
