import { useState } from 'react';
import { ActionIcon, Alert, Button, Checkbox, Code, CopyButton, Group, List, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** A value shown once (a temporary password), with a copy button. */
export function OneTimeSecret({ label, value, note }: { label: string; value: string; note: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text fw={600}>{label}</Text>
      <Paper withBorder p="sm" radius="md" bg="gray.0">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Code fz="lg" className="mono" data-testid="one-time-secret" bg="transparent">
            {value}
          </Code>
          <CopyButton value={value} timeout={2000}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
                <ActionIcon
                  variant={copied ? 'filled' : 'light'}
                  size="lg"
                  onClick={copy}
                  aria-label={copied ? t('common.copied') : t('common.copyValue', { label })}
                >
                  {copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      </Paper>
      <Alert color="orange" variant="light" icon={<IconKey aria-hidden />}>
        {note}
      </Alert>
    </Stack>
  );
}

/** Recovery codes shown once; the user confirms having saved them before going on. */
export function RecoveryCodesPanel({ codes, onDone, doneLabel }: { codes: string[]; onDone: () => void; doneLabel: string }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  return (
    <Stack gap="md">
      <Text>{t('recovery.intro')}</Text>
      <Paper withBorder p="md" radius="md" bg="gray.0">
        <List
          spacing={4}
          listStyleType="none"
          styles={{ root: { columns: '2 9rem', columnGap: '1.5rem' } }}
          aria-label={t('recovery.listLabel')}
          data-testid="recovery-codes"
        >
          {codes.map((c) => (
            <List.Item key={c} className="mono" fz="md">
              {c}
            </List.Item>
          ))}
        </List>
      </Paper>
      <CopyButton value={codes.join('\n')} timeout={2000}>
        {({ copied, copy }) => (
          <Button variant="light" leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />} onClick={copy}>
            {copied ? t('common.copied') : t('recovery.copyAll')}
          </Button>
        )}
      </CopyButton>
      <Checkbox label={t('recovery.confirm')} checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} />
      <Button onClick={onDone} disabled={!saved}>
        {doneLabel}
      </Button>
    </Stack>
  );
}
