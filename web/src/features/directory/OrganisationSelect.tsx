import { useMemo, useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { listOrganisations, useOrganisation } from './api';

/** One organisation, searched on the server by name; shown locked when the choice is not the user's to make. */
export function OrganisationSelect({
  value,
  onChange,
  label,
  description,
  error,
  required,
  disabled,
  clearable,
  placeholder,
  activeOnly,
  testId,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  label: string;
  description?: string;
  error?: string | null;
  required?: boolean;
  disabled?: boolean;
  clearable?: boolean;
  placeholder?: string;
  activeOnly?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const selected = useOrganisation(value);
  const selectedName = selected.data ? fmt.name(selected.data) : '';
  // While the box shows the chosen organisation's name, list everything rather than searching for that name.
  const query = q && q !== selectedName ? q : '';
  const options = useQuery({
    queryKey: ['organisations', 'options', query, activeOnly ?? false],
    queryFn: ({ signal }) => listOrganisations({ q: query, active: activeOnly ? 'true' : null }, null, signal, 100),
    enabled: !disabled,
    staleTime: 60_000,
  });
  const data = useMemo(() => {
    const list = (options.data?.items ?? []).map((o) => ({ value: o.id, label: fmt.name(o) }));
    if (selected.data && !list.some((o) => o.value === selected.data.id)) list.unshift({ value: selected.data.id, label: fmt.name(selected.data) });
    return list;
  }, [options.data, selected.data, fmt]);

  return (
    <Select
      label={label}
      description={description}
      error={error}
      required={required}
      disabled={disabled}
      clearable={clearable}
      placeholder={placeholder}
      data={data}
      value={value}
      onChange={(v) => onChange(v)}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={options.isFetching ? t('common.loading') : t('common.nothingFound')}
      maxDropdownHeight={300}
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}
