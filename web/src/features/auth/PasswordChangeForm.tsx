import { useState } from 'react';
import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/feedback';
import { translatedFieldErrors } from '../../components/errors';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** Changing one's own password: the same rules as the server (length, not containing the username). */
export function PasswordChangeForm({ username, onChanged, submitLabel }: { username: string; onChanged: () => void; submitLabel: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('validation.required')),
      newPassword: (v, values) => {
        const length = [...v].length;
        if (!v) return t('validation.required');
        if (length < PASSWORD_MIN) return t('fieldErrors.too_short', { min: PASSWORD_MIN });
        if (length > PASSWORD_MAX) return t('fieldErrors.too_long', { max: PASSWORD_MAX });
        if (username.length >= 3 && v.toLowerCase().includes(username.toLowerCase())) return t('fieldErrors.contains_username');
        if (v === values.currentPassword) return t('password.sameAsCurrent');
        return null;
      },
      confirm: (v, values) => (v === values.newPassword ? null : t('password.mismatch')),
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setBusy(true);
        setError(null);
        try {
          await api('/profile/password', {
            method: 'POST',
            body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
          });
          form.reset();
          onChanged();
        } catch (e) {
          const fields = translatedFieldErrors(t, e, { password: 'newPassword' });
          if (e instanceof ApiError && Object.keys(fields).length) form.setErrors(fields);
          else setError(e);
        } finally {
          setBusy(false);
        }
      })}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('password.rules', { min: PASSWORD_MIN })}
        </Text>
        {error !== null && <ErrorAlert error={error} />}
        <PasswordInput
          label={t('password.current')}
          autoComplete="current-password"
          required
          {...form.getInputProps('currentPassword')}
        />
        <PasswordInput label={t('password.new')} autoComplete="new-password" required {...form.getInputProps('newPassword')} />
        <PasswordInput label={t('password.confirm')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
        <Button type="submit" loading={busy}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
