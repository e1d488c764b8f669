/**
 * A table (domain/receivables/exports.ts) as CSV text with papaparse: quoting, embedded
 * commas, quotes and line breaks are the library's job, not string joins.
 */
import Papa from 'papaparse';
import type { Table } from '../domain/receivables/exports';

/**
 * Cells a spreadsheet would run as a formula (`=…`, `+…`, `@…`, `-` not followed by a digit)
 * get a leading `'`; negative amounts (`-12.50`) stay numbers.
 */
const FORMULA = /^(?:[=+@\t\r]|-(?!\d))/;

/** CSV with a header row, CRLF line ends (what spreadsheets and accounting imports expect). */
export function toCsv(table: Table): string {
  return Papa.unparse({ fields: table.fields, data: table.data }, { newline: '\r\n', escapeFormulae: FORMULA });
}

/** A CSV Blob with a UTF-8 byte-order mark so spreadsheet apps read accents right. */
export function csvBlob(table: Table): Blob {
  return new Blob(['\ufeff', toCsv(table)], { type: 'text/csv;charset=utf-8' });
}
