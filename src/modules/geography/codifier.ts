/**
 * Parsing the KATOTTH codifier file (as published by the Ministry for Communities and Territories
 * Development): `;`-separated, a header row, five code columns (levels 1–4 and the additional city-district
 * level), the category letter and the Ukrainian name. Pure: text in, units out.
 */
import { normalizeText } from '../../platform/http/text.js';
import { transliterateUk } from '../../platform/i18n/transliteration.js';
import { type Category, isCategory, UNIT_CODE } from './units.js';

export type CodifierUnit = {
  code: string;
  category: Category;
  /** 1..5: the column in which the unit's code first appears. */
  level: number;
  parentCode: string | null;
  /** Trimmed, NFC, apostrophes unified to ʼ (U+02BC). */
  nameUk: string;
  nameEn: string;
};

/** The file is not a codifier we can trust; the message names the line. */
export class CodifierFormatError extends Error {
  override name = 'CodifierFormatError';
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(line === null ? message : `line ${line}: ${message}`);
  }
}

const COLUMNS = 7;
const CODE_COLUMNS = 5;

/**
 * Parses a whole codifier file. Each data row describes one unit: its code is the deepest non-empty code
 * column and its parent the nearest different code above it.
 *
 * What the data really has (2025-05-16 edition): no code is listed twice, but the rows of city districts of
 * Kyiv and Sevastopol repeat the city's own code in columns 1–4 (`UA80…;UA80…;UA80…;UA80…;UA80…126643;B`),
 * so "the column above" would make a unit its own parent's parent four times over; repeated codes in a row
 * are collapsed, and the districts hang directly under the city. Districts of other cities (Сімферополь …)
 * hang under the city (category M) at level 4. Hromada names carry a trailing space, a few settlement names too.
 *
 * Refuses: a row with the wrong number of columns, a malformed code or category, an empty name, a code listed
 * twice with different content (an exact repeat is ignored), a code that reappears in a row after a different
 * one, and a parent that is not itself listed.
 */
export function parseCodifier(content: string): CodifierUnit[] {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.split(';') ?? [];
  if (header.length !== COLUMNS || UNIT_CODE.test(header[0]!.trim())) {
    throw new CodifierFormatError(`expected a header row of ${COLUMNS} ';'-separated columns`, 1);
  }
  const units = new Map<string, CodifierUnit & { line: number }>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const unit = parseRow(line, i + 1);
    const seen = units.get(unit.code);
    if (seen) {
      if (!sameUnit(seen, unit)) throw new CodifierFormatError(`code ${unit.code} is already listed on line ${seen.line}`, i + 1);
      continue;
    }
    units.set(unit.code, { ...unit, line: i + 1 });
  }
  if (units.size === 0) throw new CodifierFormatError('the file lists no units', null);
  for (const unit of units.values()) {
    if (unit.parentCode === null) continue;
    const parent = units.get(unit.parentCode);
    if (!parent) throw new CodifierFormatError(`parent ${unit.parentCode} of ${unit.code} is not listed`, unit.line);
    if (parent.level >= unit.level) throw new CodifierFormatError(`parent ${parent.code} is not above ${unit.code}`, unit.line);
  }
  return [...units.values()].map(({ line: _line, ...unit }) => unit);
}

/** Parses one data row; `lineNumber` is 1-based and only used in error messages. */
export function parseRow(line: string, lineNumber: number): CodifierUnit {
  const cells = line.split(';');
  if (cells.length !== COLUMNS) {
    throw new CodifierFormatError(`expected ${COLUMNS} columns, found ${cells.length}`, lineNumber);
  }
  const codeCells = cells.slice(0, CODE_COLUMNS).map((c) => c.trim());
  const chain: { code: string; level: number }[] = [];
  codeCells.forEach((code, column) => {
    if (code === '') return;
    if (!UNIT_CODE.test(code)) throw new CodifierFormatError(`malformed code "${code}"`, lineNumber);
    const last = chain[chain.length - 1];
    if (last?.code === code) return;
    if (chain.some((c) => c.code === code)) throw new CodifierFormatError(`code ${code} repeats out of order`, lineNumber);
    chain.push({ code, level: column + 1 });
  });
  const self = chain[chain.length - 1];
  if (!self) throw new CodifierFormatError('no code in the row', lineNumber);
  if (codeCells[0] === '') throw new CodifierFormatError('the level 1 code is empty', lineNumber);
  const category = cells[5]!.trim();
  if (!isCategory(category)) throw new CodifierFormatError(`unknown category "${category}"`, lineNumber);
  const nameUk = normalizeText(cells[6]!).replace(/\s+/g, ' ');
  if (nameUk === '') throw new CodifierFormatError('empty name', lineNumber);
  return {
    code: self.code,
    category,
    level: self.level,
    parentCode: chain[chain.length - 2]?.code ?? null,
    nameUk,
    nameEn: transliterateUk(nameUk),
  };
}

function sameUnit(a: CodifierUnit, b: CodifierUnit): boolean {
  return a.category === b.category && a.level === b.level && a.parentCode === b.parentCode && a.nameUk === b.nameUk;
}

/** Units per category letter, for reports and checks against the publisher's totals. */
export function countByCategory(units: readonly CodifierUnit[]): Partial<Record<Category, number>> {
  const counts: Partial<Record<Category, number>> = {};
  for (const u of units) counts[u.category] = (counts[u.category] ?? 0) + 1;
  return counts;
}
