import type { ReactNode } from 'react';

/** Label–value pairs as a description list; two columns, and one under the other on narrow screens. */
export function DetailList({ children }: { children: ReactNode }) {
  return <dl className="details">{children}</dl>;
}

export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="details-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
