import type { ReactNode } from 'react';
import { Box, Container, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of the sign-in and forced password-change screens: brand, language, one card. */
export function AuthLayout({ children, aside }: { children: ReactNode; aside?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box className="auth-page">
      <a className="skip-link" href="#main-content">
        {t('shell.skipToContent')}
      </a>
      <Box component="header" px="md" py="sm">
        <Group justify="space-between" wrap="nowrap">
          <span className="brand-mark">
            <img src="/favicon.svg" alt="" />
            OpenNRM
          </span>
          <Group gap="xs" wrap="nowrap">
            {aside}
            <LanguageSwitch />
          </Group>
        </Group>
      </Box>
      <Container size={460} px="md" pb="xl" component="main" id="main-content" tabIndex={-1}>
        <Stack gap="md" mt={{ base: 'sm', sm: 'xl' }}>
          <Text c="dimmed" size="sm" ta="center">
            {t('shell.tagline')}
          </Text>
          <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md">
            {children}
          </Paper>
          <Text size="xs" c="dimmed" ta="center">
            {t('shell.footer')}
          </Text>
        </Stack>
      </Container>
    </Box>
  );
}
