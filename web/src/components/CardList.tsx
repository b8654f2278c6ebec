import type { ReactNode } from 'react';
import { Group, Paper, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Detail, DetailList } from './Details';

/** Below the sm breakpoint (48em) lists show as cards instead of wide tables. */
export function useNarrow(): boolean {
  return useMediaQuery('(max-width: 47.99em)', false) ?? false;
}

export type CardItem = {
  key: string | number;
  title: ReactNode;
  aside?: ReactNode;
  details: { label: string; value: ReactNode }[];
  footer?: ReactNode;
};

/** A list of records as cards: a title (usually the link), a corner (status, action) and label–value pairs. */
export function CardList({ items, label, testId }: { items: CardItem[]; label: string; testId?: string }) {
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={label} data-testid={testId}>
      {items.map((item) => (
        <li key={item.key}>
          <Paper withBorder p="sm" radius="md">
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <div style={{ minWidth: 0 }} className="break-anywhere">
                  {item.title}
                </div>
                {item.aside && <div style={{ flexShrink: 0 }}>{item.aside}</div>}
              </Group>
              {item.details.length > 0 && (
                <DetailList compact>
                  {item.details.map((d) => (
                    <Detail key={d.label} label={d.label}>
                      {d.value}
                    </Detail>
                  ))}
                </DetailList>
              )}
              {item.footer}
            </Stack>
          </Paper>
        </li>
      ))}
    </Stack>
  );
}
