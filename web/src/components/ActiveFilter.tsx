import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The "status: active / inactive / any" filter of a list; the value is the API's `active` query parameter. */
export function ActiveFilter({ value, onChange }: { value: string | null; onChange: (value: string | null) => void }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('common.status')}
      data={[
        { value: 'true', label: t('common.activePlural') },
        { value: 'false', label: t('common.inactivePlural') },
      ]}
      value={value}
      onChange={onChange}
      clearable
      placeholder={t('common.any')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
