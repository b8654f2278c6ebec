import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A horizontally scrollable area for wide tables: keyboard users can focus it and scroll, screen readers
 * hear its name, and the page itself never scrolls sideways on a phone.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="scroll-region" role="region" aria-label={t('common.tableRegion', { name: label })} tabIndex={0}>
      {children}
    </div>
  );
}
