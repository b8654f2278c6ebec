import type { ReactNode } from 'react';

/** Label–value pairs as a description list; two columns, and one under the other on narrow screens. */
export function DetailList({ children, compact = false }: { children: ReactNode; compact?: boolean }) {
  return <dl className={compact ? 'details details-compact' : 'details'}>{children}</dl>;
}

export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="details-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
