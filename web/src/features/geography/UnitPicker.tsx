import { useMemo, useState } from 'react';
import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UnitRef } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { categoryKey, searchUnits } from './api';

/**
 * Choosing administrative units (e.g. an organisation's jurisdiction): type a few letters of a name in
 * Ukrainian or Latin script; matches come from the server. Chosen units keep their labels.
 */
export function UnitPicker({
  value,
  onChange,
  label,
  description,
  error,
  max = 200,
}: {
  value: UnitRef[];
  onChange: (units: UnitRef[]) => void;
  label: string;
  description?: string;
  error?: string | null;
  max?: number;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const results = useQuery({
    queryKey: ['geography', 'search', debounced, 'picker'],
    queryFn: ({ signal }) => searchUnits(debounced, signal, 20),
    enabled: debounced.length >= 2,
    staleTime: 5 * 60_000,
  });

  const known = useMemo(() => {
    const map = new Map<string, UnitRef>();
    for (const u of value) map.set(u.code, u);
    for (const u of results.data?.items ?? []) {
      if (!map.has(u.code)) map.set(u.code, { code: u.code, nameUk: u.nameUk, nameEn: u.nameEn, labelUk: u.labelUk, labelEn: u.labelEn, category: u.category });
    }
    return map;
  }, [value, results.data]);

  const data = useMemo(
    () =>
      [...known.values()].map((u) => ({
        value: u.code,
        label: `${fmt.label(u)} · ${t(`geography.categoryShort.${categoryKey(u)}`, { defaultValue: u.category })}`,
      })),
    [known, fmt, t],
  );

  const nothingFound =
    debounced.length < 2 ? t('geography.typeToSearch') : results.isFetching ? t('common.loading') : t('geography.nothingFound');

  return (
    <MultiSelect
      label={label}
      description={description}
      error={error}
      data={data}
      value={value.map((u) => u.code)}
      onChange={(codes) => onChange(codes.flatMap((c) => (known.has(c) ? [known.get(c)!] : [])))}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      hidePickedOptions
      maxValues={max}
      nothingFoundMessage={nothingFound}
      placeholder={value.length ? undefined : t('geography.pickerPlaceholder')}
      clearable
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
      data-testid="unit-picker"
    />
  );
}
