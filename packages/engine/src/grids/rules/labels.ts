import type { BilingualText } from '@zhili/schemas';

/** How messages name a grid: 网格 <code>（<name>）. */
export function gridLabel(grid: { readonly code: string; readonly name: string }): BilingualText {
  return { 'zh-CN': `网格 ${grid.code}（${grid.name}）`, en: `Grid ${grid.code} (${grid.name})` };
}

/** How messages name a worker: the name as the reader may see it, and the grid. */
export function workerLabel(worker: { readonly name: string; readonly gridCode: string }): BilingualText {
  return { 'zh-CN': `${worker.name}（网格 ${worker.gridCode}）`, en: `${worker.name} (grid ${worker.gridCode})` };
}
