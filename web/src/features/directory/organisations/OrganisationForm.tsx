import { useState } from 'react';
import { Button, Fieldset, Group, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import type { Organisation, UnitRef } from '../../../api/types';
import { translatedFieldErrors } from '../../../components/errors';
import { ErrorAlert } from '../../../components/feedback';
import { useFormat } from '../../../i18n/format';
import { UnitPicker } from '../../geography/UnitPicker';
import { useOrganisationTypes } from '../../home/HomePage';
import { EMAIL_PATTERN } from '../api';

export type OrganisationInput = {
  nameUk: string;
  nameEn: string;
  typeCode: string;
  contacts: { phone?: string; email?: string; address?: string; website?: string };
  jurisdiction: string[];
  active: boolean;
};

type Values = {
  nameUk: string;
  nameEn: string;
  typeCode: string | null;
  phone: string;
  email: string;
  address: string;
  website: string;
  jurisdiction: UnitRef[];
  active: boolean;
};

const PHONE = /^\+?[0-9 ()-]{3,40}$/;

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Create and edit an organisation; the same limits as the server (names ≤ 300, phone, e-mail, web address). */
export function OrganisationForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: Organisation;
  submitLabel: string;
  onSubmit: (input: OrganisationInput) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const types = useOrganisationTypes();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const required = (v: string) => (v.trim() ? null : t('validation.required'));
  const maxLength = (n: number) => (v: string) => ([...v.trim()].length > n ? t('validation.maxLength', { max: n }) : null);
  const form = useForm<Values>({
    initialValues: {
      nameUk: initial?.nameUk ?? '',
      nameEn: initial?.nameEn ?? '',
      typeCode: initial?.typeCode ?? null,
      phone: initial?.contacts.phone ?? '',
      email: initial?.contacts.email ?? '',
      address: initial?.contacts.address ?? '',
      website: initial?.contacts.website ?? '',
      jurisdiction: initial?.jurisdiction ?? [],
      active: initial?.active ?? true,
    },
    validate: {
      nameUk: (v) => required(v) ?? maxLength(300)(v),
      nameEn: (v) => required(v) ?? maxLength(300)(v),
      typeCode: (v) => (v ? null : t('validation.required')),
      phone: (v) => (v.trim() && !PHONE.test(v.trim()) ? t('validation.phone') : null),
      email: (v) => (v.trim() && (!EMAIL_PATTERN.test(v.trim()) || v.trim().length > 200) ? t('validation.email') : null),
      address: maxLength(300),
      website: (v) => (v.trim() && (!isHttpUrl(v.trim()) || v.trim().length > 300) ? t('validation.url') : null),
      jurisdiction: (v) => (v.length > 200 ? t('validation.maxItems', { max: 200 }) : null),
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (v) => {
        setBusy(true);
        setError(null);
        const contacts: OrganisationInput['contacts'] = {};
        if (v.phone.trim()) contacts.phone = v.phone.trim();
        if (v.email.trim()) contacts.email = v.email.trim();
        if (v.address.trim()) contacts.address = v.address.trim();
        if (v.website.trim()) contacts.website = v.website.trim();
        try {
          await onSubmit({
            nameUk: v.nameUk.trim(),
            nameEn: v.nameEn.trim(),
            typeCode: v.typeCode!,
            contacts,
            jurisdiction: v.jurisdiction.map((u) => u.code),
            active: v.active,
          });
        } catch (e) {
          const fields = translatedFieldErrors(t, e, {
            'contacts.phone': 'phone',
            'contacts.email': 'email',
            'contacts.address': 'address',
            'contacts.website': 'website',
          });
          if (e instanceof ApiError && e.code === 'conflict' && e.status === 409) {
            form.setFieldError('nameUk', t('fieldErrors.exists'));
          } else if (Object.keys(fields).length) {
            form.setErrors(fields);
          } else {
            setError(e);
          }
        } finally {
          setBusy(false);
        }
      })}
    >
      <Stack gap="md">
        {error !== null && <ErrorAlert error={error} />}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <TextInput label={t('organisations.nameUk')} required lang="uk" {...form.getInputProps('nameUk')} />
          <TextInput label={t('organisations.nameEn')} required lang="en" {...form.getInputProps('nameEn')} />
        </SimpleGrid>
        <Select
          label={t('organisations.type')}
          required
          searchable
          data={(types.data?.items ?? []).map((ty) => ({ value: ty.code, label: fmt.name(ty) }))}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('typeCode')}
        />
        <Fieldset legend={t('organisations.contacts')} radius="md">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <TextInput label={t('organisations.phone')} type="tel" autoComplete="off" {...form.getInputProps('phone')} />
            <TextInput label={t('organisations.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
            <TextInput label={t('organisations.address')} {...form.getInputProps('address')} />
            <TextInput label={t('organisations.website')} type="url" placeholder="https://" {...form.getInputProps('website')} />
          </SimpleGrid>
        </Fieldset>
        <UnitPicker
          label={t('organisations.jurisdiction')}
          description={t('organisations.jurisdictionDescription')}
          value={form.values.jurisdiction}
          onChange={(units) => form.setFieldValue('jurisdiction', units)}
          error={typeof form.errors.jurisdiction === 'string' ? form.errors.jurisdiction : null}
        />
        <Switch label={t('organisations.activeLabel')} description={t('organisations.activeDescription')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <Group gap="sm">
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
