import { Button, Menu, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LOCALE_NAMES, LOCALES, currentLocale } from '../i18n';
import { useChangeLanguage } from './language';

/** Українська / English, in the header of every page. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const change = useChangeLanguage();
  const current = currentLocale();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" color="dark" size="sm" px="xs" leftSection={<IconLanguage size={18} aria-hidden />} data-testid="language-switch">
          <VisuallyHidden>{t('language.switchLabel', { language: LOCALE_NAMES[current] })}</VisuallyHidden>
          <span aria-hidden>{current === 'uk' ? 'УКР' : 'ENG'}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.title')}</Menu.Label>
        {LOCALES.map((l) => (
          <Menu.Item
            key={l}
            lang={l}
            onClick={() => void change(l)}
            rightSection={l === current ? <IconCheck size={16} aria-hidden /> : null}
            aria-current={l === current ? 'true' : undefined}
          >
            {LOCALE_NAMES[l]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
