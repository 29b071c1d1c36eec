import { Typography } from 'antd';
import { Link } from 'react-router';
import { EMPTY_CELL } from '../schema/columns.ts';
import { referenceLabel } from './reference-labels.ts';
import type { ReferenceLabels } from './use-reference-labels.ts';

/** A reference in a list or on a show page: the referenced record's title, linking to it when it can be read. */
export function ReferenceCell({ target, value, labels }: { readonly target: string; readonly value: unknown; readonly labels: ReferenceLabels }) {
  if (typeof value !== 'string' || value === '') return <Typography.Text type="secondary">{EMPTY_CELL}</Typography.Text>;
  const label = labels.get(target)?.get(value);
  if (label === undefined) return <Typography.Text title={value}>{referenceLabel(undefined, undefined, value)}</Typography.Text>;
  return <Link to={`/r/${encodeURIComponent(target)}/show/${encodeURIComponent(value)}`}>{label}</Link>;
}
