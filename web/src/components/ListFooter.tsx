import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type PagedQuery = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };

/** "Shown N records" (announced to screen readers) and "Load more" for a cursor-paged list. */
export function ListFooter({ shown, query }: { shown: number; query: PagedQuery }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed" role="status">
        {t('common.shown', { count: shown })}
      </Text>
      {query.hasNextPage && (
        <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </Group>
  );
}
