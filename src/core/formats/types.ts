/**
 * The vocabulary in which a statutory format is described. A format version is pure data of
 * these types (see `f2019.ts`, `f2021.ts`); nothing else in the code base knows which rows or
 * columns a version has.
 */

/** How a value cell is read and what arithmetic it takes part in. */
export type ValueKind =
  /** 件/项/个: a non-negative whole number. */
  | 'count'
  /** 本年增/减: a signed whole number (`增3`, `减4`, `+3`, `-4`). */
  | 'change'
  /** An amount in 万元 (format 2021 fees); `元` in a cell is converted. */
  | 'amountWan'
  /** An amount with no prescribed unit (format 2019 procurement). */
  | 'amount';

export type TableId = 't2' | 't3' | 't4';

export interface ColumnDef {
  id: string;
  /** Exact printed label. */
  label: string;
  /** Printed header above the label, if any (e.g. `法人或其他组织`). */
  group?: string;
  kind: ValueKind;
}

export interface RowDef {
  id: string;
  /**
   * The printed label path from the outermost label column inwards, verbatim. The last entry is
   * the row's own label; earlier entries are merged group labels shared with neighbouring rows.
   */
  labels: readonly string[];
}

/** A rectangular block of value cells: one table (t3, t4) or one 第二十条 block of t2. */
export interface BlockDef {
  /** Id prefix of every cell in the block, e.g. `t3` or `t2.art20_1`. */
  prefix: string;
  table: TableId;
  /** Block title row of t2 (`第二十条第（一）项`); absent for t3/t4. */
  title?: string;
  columns: readonly ColumnDef[];
  rows: readonly RowDef[];
}

/** How a table is laid out in the printed template (used by the template and exporters). */
export interface TableLayout {
  table: TableId;
  heading: string;
  title: string;
  /** Label columns to the left of the value columns. */
  labelColumns: number;
  /** Header rows above the first value row (t3, t4); t2 repeats a header per block. */
  headerRows: number;
  /** Free text printed in the top-left corner (t3's 勾稽 note). */
  note?: string;
  /** Column group headers (t3 `申请人情况` / `法人或其他组织`, t4 `行政复议` / `行政诉讼`). */
  groups?: readonly { label: string; columns: readonly string[] }[];
}

export type Year = 'this' | 'last';

export interface Term {
  cell: string;
  /** +1 or −1. */
  sign: 1 | -1;
  year: Year;
}

/** Severity of a finding, as in the spec. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * A rule template as written in a format definition. `along` says how it repeats:
 * `column` — once per value column of the block (relates rows); `row` — once per row (relates
 * columns). Cells are named by row id (along column) or column id (along row).
 */
export type RuleTemplate =
  | {
      kind: 'sum';
      code: string;
      block: string;
      along: 'row' | 'column';
      /** The stated total. */
      total: string;
      /** The parts it must equal the sum of. */
      parts: readonly string[];
      /** Restrict the repetition to these rows/columns (default: all). */
      only?: readonly string[];
    }
  | {
      kind: 'identity';
      code: string;
      block: string;
      along: 'row' | 'column';
      lhs: readonly string[];
      rhs: readonly string[];
    }
  | {
      kind: 'bound';
      code: string;
      block: string;
      along: 'row' | 'column';
      /** lhs ≤ rhs */
      lhs: string;
      rhs: string;
    }
  | {
      kind: 'crossYear';
      code: string;
      block: string;
      along: 'row' | 'column';
      /** This year's cell. */
      lhs: string;
      /** Terms it must equal, from this or last year's report. */
      rhs: readonly { at: string; year: Year; sign?: 1 | -1 }[];
      only?: readonly string[];
    }
  | {
      kind: 'magnitude';
      code: string;
      /** Cells holding 万元 amounts. */
      cells: readonly string[];
      /** Warn at ≥ ratio × last year's figure … */
      ratio: number;
      /** … or, without last year's report, at ≥ this many 万元. */
      absolute: number;
    };

export interface FormatDef {
  /** `2019` or `2021`: the public format id. */
  id: string;
  name: string;
  /** The notice that prescribes it. */
  issuedBy: string;
  /** Report years that must use it (inclusive); `to` absent = still current. */
  years: { from: number; to?: number };
  layouts: readonly TableLayout[];
  blocks: readonly BlockDef[];
  rules: readonly RuleTemplate[];
  /**
   * Earlier formats whose tables can stand in as "last year's report" for cross-year rules,
   * table by table (the 2020→2021 boundary maps t3 and t4 one to one; t2 has no valid mapping).
   */
  comparableWith?: readonly { format: string; tables: readonly TableId[] }[];
}
