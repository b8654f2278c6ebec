import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from './usePageTitle';

/** Shown when a screen fails to render (for instance a new version was deployed and a chunk is gone). */
export function RouteError() {
  const { t } = useTranslation();
  usePageTitle(t('routeError.title'));
  return (
    <Container size={560} py="xl" component="main">
      <Stack gap="md" role="alert">
        <Title order={1} size="h2">
          {t('routeError.title')}
        </Title>
        <Text>{t('routeError.text')}</Text>
        <Button onClick={() => window.location.reload()} w="fit-content">
          {t('routeError.reload')}
        </Button>
      </Stack>
    </Container>
  );
}
