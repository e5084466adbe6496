/**
 * Columns of a sheet: how a record becomes a row of cells (export) and how a cell becomes a
 * field of a core input (import), with tolerant header names and messages a person can act on.
 */
import type { z } from 'zod';
import { type CellValue, cellText, isBlank, type OutCell } from './format';

/** A draft of a core input, filled from the record (on update) and the sheet's cells. */
export type Draft = Record<string, unknown>;

export type ColumnKind =
  | 'text'
  | 'code'
  | 'enum'
  | 'date'
  | 'instant'
  | 'integer'
  | 'boolean'
  | 'list'
  | 'lines';

export interface Column<R> {
  /** The header the export writes, snake_case. */
  name: string;
  /** Other header names an import accepts (any case, spaces, dashes or camelCase). */
  aliases?: readonly string[];
  kind: ColumnKind;
  /** What the column holds, for the documentation. */
  doc: string;
  /** The cell of a record on export. */
  get: (record: R) => string | number | boolean | readonly string[] | undefined;
  /** Where an imported value goes (blank cells pass undefined); absent: export only. */
  set?: (draft: Draft, value: ParsedValue | undefined) => void;
  /** The input fields (dotted paths) whose validation errors belong to this column. */
  paths?: readonly string[];
  /** An import that creates records needs this column. */
  requiredOnCreate?: boolean;
}

export type ParsedValue = string | number | boolean | string[];

/** `Full Name`, `full-name`, `fullName`, `FULL_NAME` → `full_name`; accents dropped. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

const truthy = new Set(['true', 'yes', 'y', '1', 'x', 'oui', 'vrai', '是', '对']);
const falsy = new Set(['false', 'no', 'n', '0', 'non', 'faux', '否', '不']);

/** A cell read as the column's kind; a message when it cannot be. */
export function parseCell(
  kind: ColumnKind,
  cell: CellValue,
): { ok: true; value: ParsedValue | undefined } | { ok: false; message: string } {
  if (isBlank(cell))
    return { ok: true, value: kind === 'list' || kind === 'lines' ? [] : undefined };
  switch (kind) {
    case 'date': {
      if (cell instanceof Date) return { ok: true, value: cell.toISOString().slice(0, 10) };
      return { ok: true, value: cellText(cell).trim() };
    }
    case 'instant': {
      if (cell instanceof Date) return { ok: true, value: cell.toISOString() };
      return { ok: true, value: cellText(cell).trim() };
    }
    case 'integer': {
      const number = typeof cell === 'number' ? cell : Number(cellText(cell).trim());
      if (!Number.isInteger(number)) return { ok: false, message: 'must be a whole number' };
      return { ok: true, value: number };
    }
    case 'boolean': {
      if (typeof cell === 'boolean') return { ok: true, value: cell };
      const text = cellText(cell).trim().toLowerCase();
      if (truthy.has(text)) return { ok: true, value: true };
      if (falsy.has(text)) return { ok: true, value: false };
      return { ok: false, message: 'must be true or false (yes/no, 1/0)' };
    }
    case 'code':
      return { ok: true, value: cellText(cell).trim().toUpperCase() };
    case 'enum':
      return {
        ok: true,
        value: cellText(cell)
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_'),
      };
    case 'list':
      return {
        ok: true,
        value: cellText(cell)
          .split(/[;\n]/)
          .map((item) => item.trim())
          .filter((item) => item !== ''),
      };
    case 'lines':
      return {
        ok: true,
        value: cellText(cell)
          .split(/\r?\n/)
          .map((item) => item.trim())
          .filter((item) => item !== ''),
      };
    case 'text':
      return { ok: true, value: cellText(cell).trim() };
  }
}

/** A record's cell for export: lists joined with `; `, lines with newlines. */
export function exportCell<R>(column: Column<R>, record: R): OutCell {
  const value = column.get(record);
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.join(column.kind === 'lines' ? '\n' : '; ');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  return null;
}

/** Sets a nested field of a draft (creating objects on the way); undefined removes it. */
export function setPath(draft: Draft, path: readonly string[], value: unknown): void {
  let target: Draft = draft;
  for (const [index, key] of path.entries()) {
    if (index === path.length - 1) {
      if (value === undefined) delete target[key];
      else target[key] = value;
      return;
    }
    const next = target[key];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) target = next as Draft;
    else {
      if (value === undefined) return;
      const created: Draft = {};
      target[key] = created;
      target = created;
    }
  }
}

/** A column that reads and writes one field of the input at a dotted path. */
export function field<R>(
  name: string,
  kind: ColumnKind,
  path: string,
  get: Column<R>['get'],
  doc: string,
  extra: Partial<Column<R>> = {},
): Column<R> {
  const keys = path.split('.');
  return {
    name,
    kind,
    doc,
    get,
    set: (draft, value) =>
      setPath(
        draft,
        keys,
        Array.isArray(value) && kind !== 'list' && kind !== 'lines' ? undefined : value,
      ),
    paths: [path],
    ...extra,
  };
}

/** An export-only column (ignored on import). */
export function readOnly<R>(
  name: string,
  kind: ColumnKind,
  get: Column<R>['get'],
  doc: string,
): Column<R> {
  return { name, kind, doc, get };
}

/** The column a validation issue belongs to: the one with the longest path the issue lies under. */
export function columnOfIssue<R>(
  columns: readonly Column<R>[],
  issue: z.core.$ZodIssue,
): Column<R> | undefined {
  const path = issue.path.map(String).join('.');
  let best: Column<R> | undefined;
  let bestLength = -1;
  for (const column of columns) {
    for (const prefix of column.paths ?? []) {
      const under =
        path === prefix || path.startsWith(`${prefix}.`) || prefix.startsWith(`${path}.`);
      if (under && prefix.length > bestLength) {
        best = column;
        bestLength = prefix.length;
      }
    }
  }
  return best;
}

/** A zod message a person reading the sheet understands. */
export function issueMessage(issue: z.core.$ZodIssue, blank: boolean): string {
  if (blank && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return 'is required';
  }
  const message =
    issue.code === 'invalid_value' && Array.isArray(issue.values)
      ? `must be one of ${issue.values.map(String).join(', ')}`
      : issue.message;
  // Inside a list cell (contacts, quotas), say which item.
  const item = issue.path
    .slice(1)
    .map(String)
    .find((part) => /^\d+$/.test(part));
  return item === undefined ? message : `item ${Number(item) + 1}: ${message}`;
}
