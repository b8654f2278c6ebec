import { useMemo, useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getUser, listUsers } from './api';

/** One user account, searched on the server by username or name. */
export function UserSelect({
  value,
  onChange,
  label,
  placeholder,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  label: string;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const selected = useQuery({
    queryKey: ['user', value],
    queryFn: ({ signal }) => getUser(value!, signal),
    enabled: Boolean(value),
    staleTime: 60_000,
  });
  const labelOf = (u: { displayName: string; username: string }) => `${u.displayName} (${u.username})`;
  const selectedLabel = selected.data ? labelOf(selected.data) : '';
  const query = q && q !== selectedLabel ? q : '';
  const options = useQuery({
    queryKey: ['users', 'options', query],
    queryFn: ({ signal }) => listUsers({ q: query }, null, signal, 50),
    staleTime: 60_000,
  });
  const data = useMemo(() => {
    const list = (options.data?.items ?? []).map((u) => ({ value: u.id, label: labelOf(u) }));
    if (selected.data && !list.some((o) => o.value === selected.data.id)) list.unshift({ value: selected.data.id, label: labelOf(selected.data) });
    return list;
  }, [options.data, selected.data]);
  return (
    <Select
      label={label}
      placeholder={placeholder}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={options.isFetching ? t('common.loading') : t('common.nothingFound')}
      maxDropdownHeight={300}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
