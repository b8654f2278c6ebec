import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { SYSTEM_ACTOR } from '../../platform/audit/audit-log.js';
import { BUNDLED_CODIFIER } from '../reference-data.js';
import { CodifierEditionError, loadCodifierEdition } from './loader.js';
import { children, getUnit, searchUnits } from './service.js';

/**
 * Versioning, on a small codifier made from the real one: Вінницький район (P) of Вінницька oblast, with a
 * later edition that drops a hromada, renames a village and adds one.
 */
let t: TestApp;
let dir: string;
let header: string;
let base: string[];

const OBLAST = 'UA05000000000010236';
const RAION = 'UA05020000000026686';
const VINNYTSIA_HROMADA = 'UA05020030000031457';
const NEW_VILLAGE = 'UA05020030999000001';

async function writeEdition(name: string, lines: string[]): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, [header, ...lines].join('\r\n') + '\r\n', 'utf8');
  return file;
}

const snapshot = async () =>
  (
    await t.db.query<{ digest: string }>(
      `SELECT md5(string_agg(concat_ws('|', code, category, level, parent_code, name_uk, name_en, search_uk, search_en,
                                       sort_key, valid_from, valid_to), ',' ORDER BY code)) ||
              (SELECT md5(coalesce(string_agg(concat_ws('|', unit_code, script, term), ',' ORDER BY unit_code, script, term), ''))
               FROM admin_unit_search_terms) AS digest
       FROM admin_units`,
    )
  ).rows[0]!.digest;

const auditCount = async () =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'geography.codifier_loaded'`)).rows[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'opennrm-codifier-'));
  const lines = (await fs.readFile(BUNDLED_CODIFIER.file, 'utf8')).split('\r\n');
  header = lines[0]!;
  base = lines.filter((l) => l.startsWith(`${OBLAST};;`) || l.startsWith(`${OBLAST};${RAION};`));
});
afterAll(async () => {
  await t?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('loadCodifierEdition: versions', () => {
  const audit = () => ({ log: t.ctx.audit, actor: SYSTEM_ACTOR });
  let dropped: string[];
  let renamed: string;

  it('loads a first edition, every unit valid from it', async () => {
    const file = await writeEdition('first.csv', base);
    const result = await loadCodifierEdition(t.db, { file, edition: '2025-01-01', audit: audit() });
    expect(result).toMatchObject({ total: base.length, inserted: base.length, updated: 0, expired: 0, alreadyLoaded: false });
    expect((await getUnit(t.db, OBLAST))?.validFrom).toBe('2025-01-01');
    expect(await auditCount()).toBe(1);
    const { rows } = await t.db.query(`SELECT to_char(edition, 'YYYY-MM-DD') AS edition, source_file, unit_count FROM codifier_editions`);
    expect(rows).toEqual([{ edition: '2025-01-01', source_file: 'first.csv', unit_count: base.length }]);
  });

  it('loading the same edition again changes nothing and is not audited again', async () => {
    const before = await snapshot();
    const file = await writeEdition('first.csv', base);
    const result = await loadCodifierEdition(t.db, { file, edition: '2025-01-01', audit: audit() });
    expect(result).toMatchObject({ inserted: 0, updated: 0, expired: 0, alreadyLoaded: true });
    expect(await snapshot()).toBe(before);
    expect(await auditCount()).toBe(1);
  });

  it('a later edition adds, renames and ends units, keeping the ended ones', async () => {
    // Drop the second hromada of the raion with all its settlements; rename one village of Вінницька hromada.
    const hromadas = base.filter((l) => l.split(';')[5] === 'H').map((l) => l.split(';')[2]!);
    const droppedHromada = hromadas.find((h) => h !== VINNYTSIA_HROMADA)!;
    dropped = base.filter((l) => l.split(';')[2] === droppedHromada).map((l) => [...l.split(';').slice(0, 5)].filter(Boolean).pop()!);
    const villageLine = base.find((l) => l.split(';')[2] === VINNYTSIA_HROMADA && l.split(';')[5] === 'C')!;
    renamed = villageLine.split(';')[3]!;
    const later = base
      .filter((l) => l.split(';')[2] !== droppedHromada)
      .map((l) => (l === villageLine ? `${l.split(';').slice(0, 6).join(';')};Нововигадане` : l));
    later.push(`${OBLAST};${RAION};${VINNYTSIA_HROMADA};${NEW_VILLAGE};;C;Зовсім Нове`);
    const file = await writeEdition('later.csv', later);

    const result = await loadCodifierEdition(t.db, { file, edition: '2025-06-01', audit: audit() });
    expect(result).toMatchObject({ total: later.length, inserted: 1, updated: 1, expired: dropped.length, alreadyLoaded: false });
    expect(dropped.length).toBeGreaterThan(1);
    expect(await auditCount()).toBe(2);

    const ended = await getUnit(t.db, droppedHromada);
    expect(ended).toMatchObject({ validFrom: '2025-01-01', validTo: '2025-06-01', hasChildren: false });
    expect(await getUnit(t.db, NEW_VILLAGE)).toMatchObject({ nameUk: 'Зовсім Нове', nameEn: 'Zovsim Nove', validFrom: '2025-06-01', validTo: null });
    expect(await getUnit(t.db, renamed)).toMatchObject({ nameUk: 'Нововигадане', validFrom: '2025-01-01', validTo: null });

    // Ended units leave searches and listings unless asked for.
    const endedName = ended!.nameUk;
    expect((await searchUnits(t.db, { q: endedName })).map((u) => u.code)).not.toContain(droppedHromada);
    expect((await searchUnits(t.db, { q: endedName, includeExpired: true })).map((u) => u.code)).toContain(droppedHromada);
    expect((await children(t.db, RAION)).items.map((u) => u.code)).not.toContain(droppedHromada);
    expect((await children(t.db, RAION, { includeExpired: true })).items.map((u) => u.code)).toContain(droppedHromada);
    // A later word and the new name are searchable; the old name of the renamed village is not.
    expect((await searchUnits(t.db, { q: 'нове' })).map((u) => u.code)).toContain(NEW_VILLAGE);
    expect((await searchUnits(t.db, { q: 'novovyh' })).map((u) => u.code)).toEqual([renamed]);
  });

  it('refuses an edition older than the latest loaded, changing nothing', async () => {
    const before = await snapshot();
    const file = await writeEdition('older.csv', base);
    await expect(loadCodifierEdition(t.db, { file, edition: '2025-03-01' })).rejects.toThrow(CodifierEditionError);
    await expect(loadCodifierEdition(t.db, { file, edition: '2025-03-01' })).rejects.toThrow(/older than the latest loaded edition 2025-06-01/);
    expect(await snapshot()).toBe(before);
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM codifier_editions`);
    expect(rows[0]).toEqual({ n: 2 });
  });

  it('refuses a malformed edition date and a malformed file', async () => {
    const file = await writeEdition('bad.csv', base);
    await expect(loadCodifierEdition(t.db, { file, edition: '2025-13-01' })).rejects.toThrow(CodifierEditionError);
    const broken = await writeEdition('broken.csv', [...base, `${OBLAST};UA05990000000000001;;;;P`]);
    await expect(loadCodifierEdition(t.db, { file: broken, edition: '2025-09-01' })).rejects.toThrow(/expected 7 columns/);
  });

  it('a unit listed again in a later edition is current again', async () => {
    const file = await writeEdition('again.csv', base);
    const result = await loadCodifierEdition(t.db, { file, edition: '2025-09-01' });
    // The dropped units come back, the renamed village takes its old name back, the new village ends.
    expect(result).toMatchObject({ inserted: 0, updated: dropped.length + 1, expired: 1 });
    const back = await getUnit(t.db, dropped[0]!);
    expect(back).toMatchObject({ validFrom: '2025-01-01', validTo: null });
    expect(await getUnit(t.db, NEW_VILLAGE)).toMatchObject({ validFrom: '2025-06-01', validTo: '2025-09-01' });
  });
});
