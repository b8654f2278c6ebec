import type { ReactNode } from 'react';

/**
 * A horizontally scrollable area for wide tables: keyboard users can focus it and scroll, screen readers
 * hear its name, and the page itself never scrolls sideways on a phone.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="scroll-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
