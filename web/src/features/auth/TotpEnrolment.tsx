import { Code, Group, Image, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Enrolment } from '../../api/types';

/** The QR code (an SVG from the server, shown as an image) and the secret for typing in by hand. */
export function TotpEnrolment({ enrolment }: { enrolment: Enrolment }) {
  const { t } = useTranslation();
  const grouped = enrolment.secret.replace(/(.{4})/g, '$1 ').trim();
  return (
    <Stack gap="sm">
      <List type="ordered" spacing={4} size="sm">
        <List.Item>{t('mfa.enrolStep1')}</List.Item>
        <List.Item>{t('mfa.enrolStep2')}</List.Item>
        <List.Item>{t('mfa.enrolStep3')}</List.Item>
      </List>
      <Group justify="center">
        <Image
          className="qr-code"
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
          alt={t('mfa.qrAlt')}
          w={200}
          h={200}
        />
      </Group>
      <Stack gap={2}>
        <Text size="sm" fw={600}>
          {t('mfa.secretLabel')}
        </Text>
        <Code className="mono totp-secret" fz="md" data-testid="totp-secret">
          {grouped}
        </Code>
      </Stack>
    </Stack>
  );
}
