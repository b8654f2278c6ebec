import type { ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';
import { usePageTitle } from '../app/usePageTitle';

/** The page's one <h1>, its description and its main actions; also sets the window title. */
export function PageHeader({
  title,
  description,
  actions,
  windowTitle,
  before,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  windowTitle?: string;
  before?: ReactNode;
}) {
  usePageTitle(windowTitle ?? title);
  return (
    <Stack gap="xs">
      {before}
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Title order={1} size="h2" className="break-anywhere">
            {title}
          </Title>
          {description && (
            <Text c="dimmed" size="sm">
              {description}
            </Text>
          )}
        </Stack>
        {actions && (
          <Group gap="xs" wrap="wrap">
            {actions}
          </Group>
        )}
      </Group>
    </Stack>
  );
}
