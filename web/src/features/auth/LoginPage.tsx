import { useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import type { Enrolment, SessionUser } from '../../api/types';
import { AuthLayout } from '../../app/AuthLayout';
import { usePageTitle } from '../../app/usePageTitle';
import { ErrorAlert, LoadingBlock } from '../../components/feedback';
import { errorMessage } from '../../components/errors';
import { RecoveryCodesPanel } from '../../components/secrets';
import { reloadSession, useSession } from './session';
import { clearSignInNotices, peekSessionExpired, peekSessionsEnded, safeNext } from './navigation';
import { TotpEnrolment } from './TotpEnrolment';

type Step = { kind: 'password' } | { kind: 'code' } | { kind: 'enrol' } | { kind: 'recovery'; codes: string[] };

type LoginResult = { mfaRequired: boolean; enrolmentRequired?: boolean; user?: SessionUser };
type MfaResult = { user: SessionUser; recoveryCodes?: string[] };

const CODE_PATTERN = /^(\d{6}|[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{2})$/i;

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step | null>(null);
  const [expired] = useState(peekSessionExpired);
  const [sessionsEnded] = useState(peekSessionsEnded);
  useEffect(clearSignInNotices, []);
  const [finishing, setFinishing] = useState(false);

  const titles: Record<Step['kind'], string> = {
    password: t('login.title'),
    code: t('mfa.title'),
    enrol: t('mfa.enrolTitle'),
    recovery: t('recovery.title'),
  };
  const current: Step = step ?? (session.data?.mfaPending ? { kind: 'code' } : { kind: 'password' });
  usePageTitle(titles[current.kind]);

  async function finish() {
    setFinishing(true);
    await reloadSession(queryClient);
    navigate(next, { replace: true });
  }

  if (session.isPending) {
    return (
      <AuthLayout>
        <LoadingBlock />
      </AuthLayout>
    );
  }
  if (session.data?.authenticated && !finishing && current.kind !== 'recovery') return <Navigate to={next} replace />;

  return (
    <AuthLayout>
      <Stack gap="md">
        <Title order={1} size="h2">
          {titles[current.kind]}
        </Title>
        {expired && current.kind === 'password' && (
          <Alert color="brand" variant="light" icon={<IconInfoCircle aria-hidden />} role="status">
            {t('login.sessionEnded')}
          </Alert>
        )}
        {sessionsEnded !== null && current.kind === 'password' && (
          <Alert color="brand" variant="light" icon={<IconInfoCircle aria-hidden />} role="status" data-testid="sessions-ended">
            {t('login.sessionsEnded', { count: sessionsEnded })}
          </Alert>
        )}
        {current.kind === 'password' && (
          <PasswordStep
            onDone={(r) => {
              if (!r.mfaRequired) void finish();
              else setStep(r.enrolmentRequired ? { kind: 'enrol' } : { kind: 'code' });
            }}
          />
        )}
        {current.kind === 'code' && (
          <CodeStep
            onDone={(r) => (r.recoveryCodes?.length ? setStep({ kind: 'recovery', codes: r.recoveryCodes }) : void finish())}
            onRestart={() => setStep({ kind: 'password' })}
          />
        )}
        {current.kind === 'enrol' && (
          <EnrolStep
            onDone={(r) => (r.recoveryCodes?.length ? setStep({ kind: 'recovery', codes: r.recoveryCodes }) : void finish())}
            onRestart={() => setStep({ kind: 'password' })}
          />
        )}
        {current.kind === 'recovery' && (
          <RecoveryCodesPanel codes={current.codes} onDone={() => void finish()} doneLabel={t('recovery.continue')} />
        )}
      </Stack>
    </AuthLayout>
  );
}

function PasswordStep({ onDone }: { onDone: (r: LoginResult) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: {
      username: (v) => (v.trim() ? null : t('validation.required')),
      password: (v) => (v ? null : t('validation.required')),
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setBusy(true);
        setError(null);
        try {
          const r = await api<LoginResult>('/auth/login', {
            method: 'POST',
            body: { username: values.username.trim(), password: values.password },
            redirectOn401: false,
          });
          onDone(r);
        } catch (e) {
          setError(e);
          form.setFieldValue('password', '');
        } finally {
          setBusy(false);
        }
      })}
    >
      <Stack gap="md">
        <Text size="sm">{t('login.intro')}</Text>
        {error !== null && <ErrorAlert error={error} title={t('login.failed')} />}
        <TextInput
          label={t('login.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          data-autofocus
          {...form.getInputProps('username')}
        />
        <PasswordInput label={t('login.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
        <Button type="submit" loading={busy} fullWidth>
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}

function useCodeForm() {
  const { t } = useTranslation();
  return useForm({
    initialValues: { code: '' },
    validate: {
      code: (v) => {
        const c = v.replace(/\s+/g, '');
        if (!c) return t('validation.required');
        return CODE_PATTERN.test(c) ? null : t('mfa.codeFormat');
      },
    },
  });
}

async function cancelPending() {
  try {
    await api('/auth/cancel', { method: 'POST', redirectOn401: false });
  } catch {
    /* the pending sign-in may have expired already */
  }
}

function codeError(t: ReturnType<typeof useTranslation>['t'], e: unknown): string {
  if (e instanceof ApiError && e.code === 'mfa_invalid') return t('mfa.invalid');
  return errorMessage(t, e);
}

function CodeStep({ onDone, onRestart }: { onDone: (r: MfaResult) => void; onRestart: () => void }) {
  const { t } = useTranslation();
  const form = useCodeForm();
  const [busy, setBusy] = useState(false);
  const [fatal, setFatal] = useState<unknown>(null);
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async ({ code }) => {
        setBusy(true);
        setFatal(null);
        try {
          onDone(await api<MfaResult>('/auth/mfa', { method: 'POST', body: { code: code.replace(/\s+/g, '') }, redirectOn401: false }));
        } catch (e) {
          form.setFieldValue('code', '');
          if (e instanceof ApiError && (e.code === 'account_locked' || e.code === 'unauthenticated')) setFatal(e);
          else form.setFieldError('code', codeError(t, e));
        } finally {
          setBusy(false);
        }
      })}
    >
      <Stack gap="md">
        <Text size="sm">{t('mfa.intro')}</Text>
        {fatal !== null && <ErrorAlert error={fatal} title={t('login.failed')} />}
        <TextInput
          label={t('mfa.codeLabel')}
          description={t('mfa.codeDescription')}
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          required
          data-autofocus
          {...form.getInputProps('code')}
          errorProps={{ role: 'alert' }}
        />
        <Button type="submit" loading={busy} fullWidth>
          {t('mfa.submit')}
        </Button>
        <Anchor
          component="button"
          type="button"
          size="sm"
          ta="center"
          onClick={async () => {
            await cancelPending();
            onRestart();
          }}
        >
          {t('mfa.restart')}
        </Anchor>
      </Stack>
    </form>
  );
}

function EnrolStep({ onDone, onRestart }: { onDone: (r: MfaResult) => void; onRestart: () => void }) {
  const { t } = useTranslation();
  const form = useCodeForm();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    api<Enrolment>('/auth/mfa/enrolment', { method: 'POST', redirectOn401: false }).then(setEnrolment, setError);
  }, []);

  if (error !== null) {
    return (
      <Stack gap="md">
        <ErrorAlert error={error} />
        <Button
          variant="light"
          onClick={async () => {
            await cancelPending();
            onRestart();
          }}
        >
          {t('mfa.restart')}
        </Button>
      </Stack>
    );
  }
  if (!enrolment) return <LoadingBlock />;
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async ({ code }) => {
        setBusy(true);
        try {
          onDone(await api<MfaResult>('/auth/mfa', { method: 'POST', body: { code: code.replace(/\s+/g, '') }, redirectOn401: false }));
        } catch (e) {
          form.setFieldValue('code', '');
          form.setFieldError('code', codeError(t, e));
        } finally {
          setBusy(false);
        }
      })}
    >
      <Stack gap="md">
        <Text size="sm">{t('mfa.enrolIntro')}</Text>
        <TotpEnrolment enrolment={enrolment} />
        <TextInput
          label={t('mfa.codeLabel')}
          description={t('mfa.enrolCodeDescription')}
          autoComplete="one-time-code"
          inputMode="numeric"
          required
          {...form.getInputProps('code')}
          errorProps={{ role: 'alert' }}
        />
        <Button type="submit" loading={busy} fullWidth>
          {t('mfa.enrolSubmit')}
        </Button>
      </Stack>
    </form>
  );
}
