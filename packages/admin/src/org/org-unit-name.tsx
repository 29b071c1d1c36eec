import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { EMPTY_CELL } from '../schema/columns.ts';
import { fetchOrgUnit } from './org-units.ts';

/** A record's org unit by its path of names (e.g. 天宁区 / 茶山街道 / 丽华新村社区), its code as the tooltip. */
export function OrgUnitName({ code }: { readonly code: unknown }) {
  const { client } = useAdmin();
  const [path, setPath] = useState<string | null>(null);
  useEffect(() => {
    if (typeof code !== 'string' || code === '') return;
    let cancelled = false;
    fetchOrgUnit(client, code).then(
      (unit) => {
        if (!cancelled) setPath([...unit.ancestors.slice(1).map((a) => a.name), unit.name].join(' / '));
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [client, code]);
  if (typeof code !== 'string' || code === '') return <Typography.Text type="secondary">{EMPTY_CELL}</Typography.Text>;
  return <Typography.Text title={code}>{path ?? code}</Typography.Text>;
}
