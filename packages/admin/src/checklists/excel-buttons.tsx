import type { HttpError } from '@refinedev/core';
import type { AdminChecklist } from '@zhili/schemas';
import { App, Button, Modal, Table, Tooltip, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { useInvalidateChecklist } from './checklist-hooks.ts';
import type { ImportErrorRow } from './excel.ts';
import { downloadWorkbook, importErrorRows, importWorkbook } from './excel.ts';

/** 导出 Excel: downloads the version in force or the draft as an .xlsx workbook. */
export function ExportExcelButton(props: { readonly checklist: AdminChecklist; readonly version: 'current' | 'draft'; readonly disabled?: boolean }) {
  const { checklist, version, disabled = false } = props;
  const { client, t } = useAdmin();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      loading={busy}
      disabled={disabled}
      onClick={async () => {
        setBusy(true);
        try {
          await downloadWorkbook(client, checklist.id, version);
        } catch (error) {
          void message.error((error as HttpError).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('checklists.exportExcel')}
    </Button>
  );
}

/**
 * 导入 Excel: replaces the draft's items with those of an .xlsx file (the export's layout). Success
 * tells what was added, changed and retired; a refused file (422) shows every error by row and
 * column, nothing having been imported; a conflict is the caller's to explain.
 */
export function ImportExcelButton(props: {
  readonly checklist: AdminChecklist;
  readonly revision: number;
  readonly disabled?: boolean;
  readonly onConflict: () => void;
}) {
  const { checklist, revision, disabled = false, onConflict } = props;
  const { client, t } = useAdmin();
  const { message } = App.useApp();
  const invalidate = useInvalidateChecklist(checklist.id);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<{ readonly message: string; readonly rows: ImportErrorRow[] } | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    try {
      const result = await importWorkbook(client, checklist.id, revision, file);
      await invalidate();
      void message.success(
        t('checklists.imported', {
          rows: result.rows,
          added: result.added.length,
          changed: result.changed.length,
          retired: result.retired.length + result.removed.length,
        }),
      );
    } catch (error) {
      const httpError = error as HttpError;
      if (httpError.statusCode === 409) onConflict();
      else if (httpError.statusCode === 422 && httpError.errors !== undefined) {
        setRefused({ message: httpError.message, rows: importErrorRows(httpError.errors as Record<string, string[]>, checklist.itemSchema, t) });
      } else void message.error(httpError.message);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<ImportErrorRow> = [
    { key: 'row', title: t('checklists.importRow'), dataIndex: 'row', width: 72, render: (row: number | null) => row ?? '' },
    { key: 'column', title: t('checklists.importColumn'), dataIndex: 'column', width: 160 },
    { key: 'message', title: t('checklists.importProblem'), dataIndex: 'message' },
  ];

  return (
    <>
      <Upload
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        showUploadList={false}
        disabled={disabled || busy}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <Tooltip title={t('checklists.importHint')}>
          <Button loading={busy} disabled={disabled}>
            {t('checklists.importExcel')}
          </Button>
        </Tooltip>
      </Upload>
      <Modal
        open={refused !== null}
        title={t('checklists.importRefused')}
        width={800}
        onCancel={() => setRefused(null)}
        footer={<Button onClick={() => setRefused(null)}>{t('checklists.importClose')}</Button>}
      >
        <Typography.Paragraph type="danger">{refused?.message}</Typography.Paragraph>
        <Table<ImportErrorRow>
          className="zhili-import-errors"
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={refused?.rows ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
        />
      </Modal>
    </>
  );
}
