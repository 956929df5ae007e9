/** Names cells, rows and tables the way the printed tables do, for messages in any locale. */
import { blockOf, cellsOf } from '../formats/registry';
import type { BlockDef, FormatDef, RowDef, TableId } from '../formats/types';

export interface Namer {
  format: FormatDef;
  /** `三、本年度办理结果（七）总计 / 自然人` */
  cell(id: string): string;
  /** `三、本年度办理结果（七）总计` */
  row(blockPrefix: string, rowId: string): string;
  /** `自然人` */
  column(blockPrefix: string, columnId: string): string;
  /** `三、收到和处理政府信息公开申请情况` */
  table(table: TableId): string;
  block(blockPrefix: string): string;
}

function rowName(block: BlockDef, row: RowDef): string {
  const [first, ...rest] = row.labels;
  // Group labels run together as printed (`三、本年度办理结果（七）总计`); numbered items stand apart.
  const path = rest.reduce((acc, label) => (/^\d/.test(label) ? `${acc} ${label}` : `${acc}${label}`), first);
  if (block.table === 't2') return `${block.title ?? ''} ${path}`;
  return path;
}

export function namer(format: FormatDef): Namer {
  const cells = cellsOf(format);
  const layout = (table: TableId) => format.layouts.find((l) => l.table === table);
  const self: Namer = {
    format,
    cell(id) {
      const def = cells.get(id);
      return def ? `${rowName(def.block, def.row)} / ${def.column.label}` : id;
    },
    row(prefix, rowId) {
      const block = blockOf(format, prefix);
      const row = block?.rows.find((r) => r.id === rowId);
      return block && row ? rowName(block, row) : rowId;
    },
    column(prefix, columnId) {
      return blockOf(format, prefix)?.columns.find((c) => c.id === columnId)?.label ?? columnId;
    },
    table(table) {
      return layout(table)?.heading ?? table;
    },
    block(prefix) {
      const block = blockOf(format, prefix);
      if (!block) return prefix;
      return block.title ? `${self.table(block.table)} ${block.title}` : self.table(block.table);
    },
  };
  return self;
}
