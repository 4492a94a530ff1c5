import type { AuditEntry } from '../../read-models/audit-log/audit-log.read-model';
import type { ExportFormat } from './export-audit-log.dto';

export const CSV_COLUMNS = [
  'position',
  'type',
  'eventType',
  'at',
  'actorUserId',
  'actorEmail',
  'targetKind',
  'targetId',
  'targetLabel',
  'address',
  'data',
] as const;

/** A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return before one) is prefixed with `'`. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV cell: formulas neutralised, then quoted as RFC 4180 says when it holds a quote, comma or line break. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvRow = (cells: readonly (string | number | null)[]): string => `${cells.map(csvCell).join(',')}\r\n`;

export function csvLine(e: AuditEntry): string {
  return csvRow([
    e.position,
    e.type,
    e.eventType,
    e.at,
    e.actor?.userId ?? null,
    e.actor?.email ?? null,
    e.target.kind,
    e.target.id,
    e.target.label,
    e.address,
    JSON.stringify(e.data),
  ]);
}

export const ndjsonLine = (e: AuditEntry): string => `${JSON.stringify(e)}\n`;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

/** The export's text, a page of entries per chunk (a CSV begins with its header row). */
export async function* exportChunks(pages: Iterable<AuditEntry[]>, format: ExportFormat): AsyncGenerator<string> {
  if (format === 'csv') yield csvRow(CSV_COLUMNS);
  const line = format === 'csv' ? csvLine : ndjsonLine;
  for (const page of pages) yield page.map(line).join('');
}
