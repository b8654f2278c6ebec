import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { Link } from 'react-router-dom';

/** A breadcrumb trail that wraps on a narrow screen instead of pushing the page sideways. */
export function Crumbs({ label, trail, current }: { label: string; trail: { to: string; label: string }[]; current?: string }) {
  return (
    <nav aria-label={label}>
      <Breadcrumbs
        separator="›"
        separatorMargin={6}
        styles={{
          root: { flexWrap: 'wrap', rowGap: 4 },
          breadcrumb: { minWidth: 0, whiteSpace: 'normal', overflowWrap: 'anywhere' },
        }}
      >
        {trail.map((c) => (
          <Anchor key={c.to} component={Link} to={c.to} size="sm">
            {c.label}
          </Anchor>
        ))}
        {current !== undefined && (
          <Text size="sm" aria-current="page">
            {current}
          </Text>
        )}
      </Breadcrumbs>
    </nav>
  );
}
