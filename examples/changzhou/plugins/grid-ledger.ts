// 常州网格台账导出: the grids under a unit as a spreadsheet for the street's and district's monthly and
// quarterly ledgers (月总结、季结清, DOMAIN.md) — households, the 1+3+X team by role, and what the grid
// rules found in the period. The 八个一 items themselves (informant team, map, notice board …) are
// not recorded by any resource of the package, so the ledger does not pretend to list them.
import { definePlugin, EngineError } from '@zhili/engine';
import type { PluginEnv } from '@zhili/engine';
import { resolveText } from '@zhili/schemas';
import ExcelJS from 'exceljs';
import { Hono } from 'hono';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Grids a ledger holds at most: a city's 7,514 fit. */
const MAX_GRIDS = 20_000;

export default definePlugin({
  name: 'grid-ledger',
  version: '1.0.0',
  setup(api) {
    const app = new Hono<PluginEnv>();
    /** GET /api/plugins/grid-ledger?org=&period=: the ledger of the grids under `org` (default: all the user may read) for `period` (YYYY, YYYY-MM, a range; default this year). */
    app.get('/', async (c) => {
      const { engine, actor, locale } = c.var;
      const grids = engine.model.grids;
      if (grids === null) throw new EngineError('NOT_FOUND', { 'zh-CN': '本配置包没有网格规则', en: 'This package has no grid rules' });
      const org = c.req.query('org');
      const period = c.req.query('period');
      const report = await engine.grids.compliance({ actor }, { ...(org ? { org } : {}), ...(period ? { period } : {}), limit: MAX_GRIDS });
      const roleOptions = (engine.model.resources[grids.staff.resource]?.schema.properties?.[grids.staff.roleField]?.oneOf ?? []) as { const: string; title: unknown }[];
      const roles = roleOptions.map((o) => ({ id: o.const, title: resolveText(o.title as never, locale) }));
      const zh = locale === 'zh-CN';

      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(zh ? '网格台账' : 'Grid ledger');
      sheet.addRow([`${report.org.name} · ${zh ? '统计期' : 'Period'} ${report.period.label}`]);
      sheet.addRow([zh ? '网格编码' : 'Grid code', zh ? '网格名称' : 'Grid', zh ? '住户数' : 'Households', ...roles.map((r) => r.title), zh ? '问题数' : 'Findings', zh ? '问题' : 'What the rules found']);
      sheet.getRow(2).font = { bold: true };
      for (const grid of report.grids) {
        sheet.addRow([grid.code, grid.name, grid.households, ...roles.map((r) => grid.staff[r.id] ?? 0), grid.violations.length, grid.violations.map((v) => v.message[locale]).join('\n')]);
      }
      sheet.columns.forEach((column, i) => (column.width = i === 1 ? 16 : i === roles.length + 4 ? 60 : 12));
      const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
      const filename = `${zh ? '网格台账' : 'grid-ledger'}-${report.org.code}-${report.period.label}.xlsx`;
      return c.body(bytes, 200, { 'content-type': XLSX, 'content-disposition': `attachment; filename="grid-ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}` });
    });
    api.routes(app);
  },
});
