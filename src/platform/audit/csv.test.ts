import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv } from './csv.js';

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const v of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseFormula(v)).toBe(`'${v}`);
    for (const v of ['plain', 'Київ', '', '1-2', 'a=b']) expect(neutraliseFormula(v)).toBe(v);
  });

  it('writes a UTF-8 BOM, CRLF records, quoting and empty cells for null', () => {
    const csv = toCsv(['id', 'name', 'note'], [
      [1, 'Ла Страда, Україна', null],
      [2, 'say "hi"', '=HYPERLINK("x")'],
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual(['id,name,note', '1,"Ла Страда, Україна",', '2,"say ""hi""","\'=HYPERLINK(""x"")"', '']);
  });

  it('no exported cell ever starts with a formula character (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (cells) => {
        for (const c of cells) expect(neutraliseFormula(c)).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });
});
