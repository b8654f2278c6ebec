import { Button, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePageTitle } from './usePageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <Stack align="flex-start" gap="md" py="xl" maw={560}>
      <Text fw={700} fz={48} c="brand.8" lh={1} aria-hidden>
        404
      </Text>
      <Title order={1} size="h2">
        {t('notFound.title')}
      </Title>
      <Text>{t('notFound.text')}</Text>
      <Button component={Link} to="/" leftSection={<IconArrowLeft size={16} aria-hidden />}>
        {t('notFound.home')}
      </Button>
    </Stack>
  );
}
