import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck, IconDevices, IconShieldCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { Enrolment, Locale, Organisation, Session } from '../../api/types';
import { useChangeLanguage } from '../../app/language';
import { errorMessage } from '../../components/errors';
import { ErrorAlert } from '../../components/feedback';
import { AppModal } from '../../components/AppModal';
import { PageHeader } from '../../components/PageHeader';
import { RecoveryCodesPanel } from '../../components/secrets';
import { currentLocale, isLocale, LOCALE_NAMES, LOCALES } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { PasswordChangeForm } from '../auth/PasswordChangeForm';
import { SESSION_KEY, signOut, useSession } from '../auth/session';
import { TotpEnrolment } from '../auth/TotpEnrolment';

/** One's own account: language, password, second factor, recovery codes, sessions. */
export function ProfilePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data: session } = useSession();
  const user = session?.user;
  const organisation = useQuery({
    queryKey: ['organisation', user?.organisationId],
    queryFn: () => api<Organisation>(`/organisations/${user!.organisationId}`),
    enabled: Boolean(user?.organisationId),
    staleTime: 10 * 60_000,
  });
  if (!user) return null;
  return (
    <Stack gap="lg">
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Stack gap={2}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t('profile.name')}
            </Text>
            <Text fw={600}>{user.displayName}</Text>
          </Stack>
          <Stack gap={2}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t('profile.username')}
            </Text>
            <Text className="mono">{user.username}</Text>
          </Stack>
          <Stack gap={2}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t('profile.organisation')}
            </Text>
            <Text>{organisation.data ? fmt.name(organisation.data) : '…'}</Text>
          </Stack>
        </SimpleGrid>
      </Paper>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="lg">
          <LanguageSection />
          <Section title={t('profile.passwordTitle')} id="profile-password">
            <PasswordSection username={user.username} />
          </Section>
        </Stack>
        <Stack gap="lg">
          <MfaSection enrolled={user.mfaEnrolled} />
          <SessionsSection />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function LanguageSection() {
  const { t } = useTranslation();
  const change = useChangeLanguage();
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  return (
    <Section title={t('profile.languageTitle')} id="profile-language">
      <Stack gap="sm">
        <Radio.Group
          label={t('profile.languageLabel')}
          description={t('profile.languageDescription')}
          value={currentLocale()}
          onChange={async (v) => {
            if (!isLocale(v)) return;
            setError(null);
            setSaved(false);
            try {
              await change(v as Locale);
              setSaved(true);
            } catch (e) {
              setError(e);
            }
          }}
        >
          <Group mt="xs" gap="lg">
            {LOCALES.map((l) => (
              <Radio key={l} value={l} label={LOCALE_NAMES[l]} lang={l} />
            ))}
          </Group>
        </Radio.Group>
        {saved && (
          <Text size="sm" c="green.9" role="status">
            {t('profile.languageSaved')}
          </Text>
        )}
        {error !== null && <ErrorAlert error={error} />}
      </Stack>
    </Section>
  );
}

function PasswordSection({ username }: { username: string }) {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  return (
    <Stack gap="sm">
      {done && (
        <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
          {t('profile.passwordChanged')}
        </Alert>
      )}
      <PasswordChangeForm username={username} submitLabel={t('password.submit')} onChanged={() => setDone(true)} />
    </Stack>
  );
}

function codeValidator(t: ReturnType<typeof useTranslation>['t']) {
  return (v: string) => {
    const c = v.replace(/\s+/g, '');
    if (!c) return t('validation.required');
    return /^\d{6}$/.test(c) ? null : t('mfa.sixDigits');
  };
}

function MfaSection({ enrolled }: { enrolled: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'idle' | 'enrol' | 'regenerate'>('idle');
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({ initialValues: { code: '' }, validate: { code: codeValidator(t) } });

  async function startEnrolment() {
    setError(null);
    setBusy(true);
    try {
      setEnrolment(await api<Enrolment>('/profile/mfa/enrolment', { method: 'POST' }));
      setMode('enrol');
      form.reset();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function reset() {
    setMode('idle');
    setEnrolment(null);
    form.reset();
  }

  if (codes) {
    return (
      <Section title={t('profile.mfaTitle')} id="profile-mfa">
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('recovery.title')}
          </Title>
          <RecoveryCodesPanel codes={codes} doneLabel={t('recovery.done')} onDone={() => setCodes(null)} />
        </Stack>
      </Section>
    );
  }

  return (
    <Section title={t('profile.mfaTitle')} id="profile-mfa">
      <Stack gap="sm">
        <Group gap="xs">
          <IconShieldCheck size={20} aria-hidden />
          <Text>{t('profile.mfaStatus')}</Text>
          <Badge color={enrolled ? 'green' : 'orange'} variant="light" tt="none">
            {enrolled ? t('profile.mfaOn') : t('profile.mfaOff')}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('profile.mfaDescription')}
        </Text>
        {error !== null && <ErrorAlert error={error} />}

        {mode === 'idle' && (
          <Group gap="sm">
            <Button variant={enrolled ? 'default' : 'filled'} onClick={() => void startEnrolment()} loading={busy}>
              {enrolled ? t('profile.mfaReplace') : t('profile.mfaSetUp')}
            </Button>
            {enrolled && (
              <Button variant="default" onClick={() => setMode('regenerate')}>
                {t('profile.newRecoveryCodes')}
              </Button>
            )}
          </Group>
        )}

        {mode !== 'idle' && (
          <form
            noValidate
            onSubmit={form.onSubmit(async ({ code }) => {
              setBusy(true);
              setError(null);
              try {
                const path = mode === 'enrol' ? '/profile/mfa/enrolment/confirm' : '/profile/mfa/recovery-codes';
                const r = await api<{ recoveryCodes: string[] }>(path, { method: 'POST', body: { code: code.replace(/\s+/g, '') } });
                if (mode === 'enrol') {
                  queryClient.setQueryData<Session>(SESSION_KEY, (s) => (s?.user ? { ...s, user: { ...s.user, mfaEnrolled: true } } : s));
                }
                reset();
                setCodes(r.recoveryCodes);
              } catch (e) {
                form.setFieldError('code', e instanceof ApiError && e.code === 'mfa_invalid' ? t('mfa.invalid') : errorMessage(t, e));
              } finally {
                setBusy(false);
              }
            })}
          >
            <Stack gap="sm">
              {mode === 'enrol' && enrolment && <TotpEnrolment enrolment={enrolment} />}
              {mode === 'regenerate' && <Text size="sm">{t('profile.regenerateIntro')}</Text>}
              <TextInput
                label={t('mfa.codeLabel')}
                description={t('mfa.sixDigits')}
                autoComplete="one-time-code"
                inputMode="numeric"
                required
                maw={240}
                {...form.getInputProps('code')}
                errorProps={{ role: 'alert' }}
              />
              <Group gap="sm">
                <Button type="submit" loading={busy}>
                  {mode === 'enrol' ? t('mfa.enrolSubmit') : t('profile.newRecoveryCodes')}
                </Button>
                <Button variant="default" onClick={reset}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Section>
  );
}

function SessionsSection() {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <Section title={t('profile.sessionsTitle')} id="profile-sessions">
      <Stack gap="sm">
        <Text size="sm">{t('profile.sessionsDescription')}</Text>
        <Group gap="sm">
          <Button variant="default" onClick={() => void signOut()}>
            {t('shell.signOut')}
          </Button>
          <Button color="red" variant="outline" leftSection={<IconDevices size={16} aria-hidden />} onClick={() => setConfirming(true)}>
            {t('profile.signOutEverywhere')}
          </Button>
        </Group>
      </Stack>
      <AppModal opened={confirming} onClose={() => setConfirming(false)} title={t('profile.signOutEverywhere')} centered>
        <Stack gap="md">
          <Text>{t('profile.signOutEverywhereConfirm')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={busy}
              onClick={async () => {
                setBusy(true);
                await signOut(true);
              }}
            >
              {t('profile.signOutEverywhereAction')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Section>
  );
}
