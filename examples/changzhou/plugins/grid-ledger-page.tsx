import { Alert, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { downloadFile, OrgTreeSelect, PeriodPicker, useAdmin, usePeriodParam } from '@zhili/admin/plugin';

const TEXT = {
  'zh-CN': {
    intro: '导出所选单位下各网格的台账（住户数、按岗位的网格力量、网格规则核查结果），为 Excel 文件。',
    org: '单位',
    download: '导出 Excel',
    pickOrg: '请先选择单位',
  },
  en: {
    intro: 'Exports the ledger of the grids under a unit (households, the team by role, the grid rules’ findings) as an Excel file.',
    org: 'Unit',
    download: 'Export to Excel',
    pickOrg: 'Choose a unit first',
  },
} as const;

/** 网格台账导出: a unit (the navigator's by default) and a period, and the download of GET /api/plugins/grid-ledger. */
export default function GridLedgerPage() {
  const { client, locale, org: navigatorOrg } = useAdmin();
  const text = TEXT[locale];
  const [period, periodParam] = usePeriodParam();
  const [org, setOrg] = useState<string | null>(navigatorOrg);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const download = async (code: string) => {
    setBusy(true);
    setFailure(null);
    try {
      await downloadFile(client, `/plugins/grid-ledger?org=${encodeURIComponent(code)}&period=${encodeURIComponent(periodParam)}`, `网格台账-${code}-${periodParam}.xlsx`);
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ display: 'flex' }}>
      <Typography.Paragraph type="secondary">{text.intro}</Typography.Paragraph>
      <Space wrap>
        <OrgTreeSelect id="grid-ledger-org" value={org} onChange={setOrg} placeholder={text.org} aria-label={text.org} style={{ minWidth: 320 }} />
        <PeriodPicker period={period} />
      </Space>
      <Button type="primary" loading={busy} disabled={org === null} title={org === null ? text.pickOrg : undefined} onClick={() => org !== null && void download(org)}>
        {text.download}
      </Button>
      {failure !== null && <Alert type="error" showIcon message={failure} />}
    </Space>
  );
}
