import { stringify } from 'csv-stringify/sync';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return at the start) is prefixed
 * with an apostrophe, so an exported value can never execute (OWASP CSV injection).
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const safe = rows.map((r) => r.map((v) => (v === null ? '' : typeof v === 'number' ? String(v) : neutraliseFormula(v))));
  // BOM so spreadsheet programs read UTF-8 (Cyrillic names of organisations) correctly.
  return '\uFEFF' + stringify([header as string[], ...safe], { record_delimiter: '\r\n' });
}
