import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { loadReferenceData } from '../reference-data.js';
import { BUNDLED_CODIFIER } from '../reference-data.js';
import { loadCodifierEdition } from './loader.js';
import { queryKey, searchKeyEn, searchKeyUk, ukSortKey } from './search-key.js';
import { type AdminUnit, children, getUnit, getUnits, isWithin, listEditions, searchUnits, unitPath } from './service.js';
import { compareRanked, LEADING_CATEGORIES } from './units.js';

/** The whole 2025-05-16 codifier, loaded as at start-up (createTestApp({ geography: true }) → loadReferenceData). */
let t: TestApp;
let loadMs: number;

const VINNYTSIA_OBLAST = 'UA05000000000010236';
const VINNYTSIA_CITY = 'UA05020030010063857';
const KYIV_OBLAST = 'UA32000000000030281';
const KYIV = 'UA80000000000093317';
const HOLOSIIVSKYI = 'UA80000000000126643';
const KAMIANETS = 'UA68020110010097898';
const silent = { info() {}, warn() {} };

beforeAll(async () => {
  const started = performance.now();
  t = await createTestApp({ geography: true });
  loadMs = performance.now() - started;
});
afterAll(async () => t?.close());

const codes = (units: AdminUnit[]) => units.map((u) => u.code);

describe('the bundled codifier', () => {
  it('is loaded in full, with the publisher\u2019s counts per category', async () => {
    const { rows } = await t.db.query<{ category: string; n: number }>(
      'SELECT category, count(*)::int AS n FROM admin_units GROUP BY category ORDER BY category',
    );
    const counts = Object.fromEntries(rows.map((r) => [r.category, r.n]));
    expect(counts).toEqual({ O: 25, K: 2, P: 136, H: 1772, M: 461, X: 2007, C: 27237, B: 108 });
    expect(rows.reduce((s, r) => s + r.n, 0)).toBe(31_748);
    // App start-up, migrations and the load together; the load alone is about 2 s in PGlite.
    expect(loadMs).toBeLessThan(30_000);
  });

  it('records the edition once, and one audit event', async () => {
    expect(await listEditions(t.db)).toEqual([
      { edition: '2025-05-16', unitCount: 31_748, sourceFile: 'katotth-2025-05-16.csv', loadedAt: expect.any(String) },
    ]);
    const { rows } = await t.db.query<{ object_id: string; role: string; details: Record<string, unknown> }>(
      `SELECT object_id, role, details FROM audit_events WHERE action = 'geography.codifier_loaded'`,
    );
    expect(rows).toEqual([
      {
        object_id: '2025-05-16',
        role: 'system',
        details: { sourceFile: 'katotth-2025-05-16.csv', total: 31_748, inserted: 31_748, updated: 0, expired: 0 },
      },
    ]);
  });

  it('is not loaded again at the next start, and reloading the edition changes nothing', async () => {
    await loadReferenceData(t.ctx, silent);
    const again = await loadCodifierEdition(t.db, BUNDLED_CODIFIER);
    expect(again).toMatchObject({ total: 31_748, inserted: 0, updated: 0, expired: 0, alreadyLoaded: true });
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'geography.codifier_loaded'`);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('stores names trimmed, with ʼ apostrophes and official Latin spelling', async () => {
    const units = await searchUnits(t.db, { q: 'Кам’янець-Под', categories: ['M'] });
    expect(units[0]).toMatchObject({ code: KAMIANETS, nameUk: 'Камʼянець-Подільський', nameEn: 'Kamianets-Podilskyi' });
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM admin_units WHERE name_uk <> btrim(name_uk) OR name_uk ~ '[''’]'`);
    expect(rows[0]).toEqual({ n: 0 });
  });
});

describe('searchUnits', () => {
  it.each(['Вінн', 'vinn', 'ВІНН', 'Vinn', 'вінн'])('"%s" finds Vinnytsia oblast, then Vinnytsia city', async (q) => {
    const found = await searchUnits(t.db, { q });
    expect(codes(found).slice(0, 2)).toEqual([VINNYTSIA_OBLAST, VINNYTSIA_CITY]);
    expect(found[0]).toMatchObject({ category: 'O', nameUk: 'Вінницька', nameEn: 'Vinnytska', labelUk: 'Вінницька область', labelEn: 'Vinnytska oblast' });
    expect(found[1]).toMatchObject({ category: 'M', nameUk: 'Вінниця', nameEn: 'Vinnytsia', labelUk: 'м. Вінниця', labelEn: 'city of Vinnytsia' });
  });

  it('finds a name by the start of a later word, after the names starting with the query', async () => {
    for (const q of ['под', 'Подільськ', 'pod', 'podilsk']) {
      const found = await searchUnits(t.db, { q, limit: 100 });
      expect(codes(found)).toContain(KAMIANETS);
      const key = queryKey(q);
      const startsWith = (u: AdminUnit) => (key.script === 'uk' ? searchKeyUk(u.nameUk) : searchKeyEn(u.nameUk)).startsWith(key.key);
      const flags = found.map(startsWith);
      expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
      expect(startsWith(found[codes(found).indexOf(KAMIANETS)]!)).toBe(false);
    }
    expect(codes(await searchUnits(t.db, { q: 'kamianets-pod' }))).toContain(KAMIANETS);
    expect(codes(await searchUnits(t.db, { q: 'камянець под' }))).toContain(KAMIANETS);
  });

  it.each(['с', 'Нов', 'kh', 'під', 'krasn', 'Тарасівка', 'yi'])('orders "%s" as compareRanked says', async (q) => {
    const found = await searchUnits(t.db, { q, limit: 100 });
    expect(found.length).toBeGreaterThan(0);
    const key = queryKey(q);
    const ranked = found.map((u) => ({
      code: u.code,
      category: u.category,
      expired: u.validTo !== null,
      sortKey: ukSortKey(u.nameUk),
      wordMatch: !(key.script === 'uk' ? searchKeyUk(u.nameUk) : searchKeyEn(u.nameUk)).startsWith(key.key),
    }));
    expect(ranked).toEqual([...ranked].sort(compareRanked));
    const keys = found.map((u) => (key.script === 'uk' ? searchKeyUk(u.nameUk) : searchKeyEn(u.nameUk)));
    for (const k of keys) expect(k.startsWith(key.key) || k.includes(` ${key.key}`)).toBe(true);
  });

  it.each(['за', 'бі', 'kr', 'ol', 'Бер', 'zh', 'Кр'])('gives for "%s" the same first page whether or not the leading categories fill it', async (q) => {
    // With limit 20 the leading oblasts, cities, raions and hromadas fill the page; with 100 they do not and
    // the full search runs: both must agree on the first 20.
    const page = await searchUnits(t.db, { q });
    const longer = await searchUnits(t.db, { q, limit: 100 });
    expect(page.every((u) => LEADING_CATEGORIES.includes(u.category))).toBe(true);
    expect(longer.some((u) => u.category === 'C')).toBe(true);
    expect(page).toEqual(longer.slice(0, 20));
  });

  it('bounds the result: 20 by default, at most 100', async () => {
    expect(await searchUnits(t.db, { q: 'с' })).toHaveLength(20);
    expect(await searchUnits(t.db, { q: 'с', limit: 5000 })).toHaveLength(100);
  });

  it('filters by category (one or several), by parent and within an area', async () => {
    const cities = await searchUnits(t.db, { q: 'Вінн', categories: ['M'] });
    expect(codes(cities)).toEqual([VINNYTSIA_CITY]);
    const settlements = await searchUnits(t.db, { q: 'Тарасівка', categories: ['C', 'X'], limit: 100 });
    expect(settlements.length).toBeGreaterThan(5);
    expect(settlements.every((u) => u.category === 'C' || u.category === 'X')).toBe(true);

    const inKyivOblast = await searchUnits(t.db, { q: 'Тарасівка', within: KYIV_OBLAST, limit: 100 });
    expect(inKyivOblast.length).toBeGreaterThan(0);
    expect(inKyivOblast.length).toBeLessThan(settlements.length);
    for (const u of inKyivOblast) expect(await isWithin(t.db, u.code, KYIV_OBLAST)).toBe(true);
    expect(await searchUnits(t.db, { q: 'Вінниця', within: KYIV_OBLAST })).toEqual([]);

    const kyivDistricts = await searchUnits(t.db, { parentCode: KYIV, limit: 100 });
    expect(kyivDistricts).toHaveLength(10);
    expect(kyivDistricts.every((u) => u.category === 'B' && u.parentCode === KYIV)).toBe(true);
    expect(codes(await searchUnits(t.db, { q: 'голос', parentCode: KYIV }))).toEqual([HOLOSIIVSKYI]);
  });

  it('lists the root units without a query: oblasts, Crimea, then Kyiv and Sevastopol', async () => {
    const roots = await searchUnits(t.db, { limit: 100 });
    expect(roots).toHaveLength(27);
    expect(roots.every((u) => u.level === 1 && u.parentCode === null && u.hasChildren)).toBe(true);
    expect(roots.map((u) => u.labelUk).slice(0, 3)).toEqual(['Автономна Республіка Крим', 'Вінницька область', 'Волинська область']);
    expect(roots.slice(-2).map((u) => u.labelEn)).toEqual(['Kyiv', 'Sevastopol']);
    // Ukrainian alphabetical order: Івано-Франківська after Запорізька, Черкаська before Чернівецька.
    const oblasts = roots.filter((u) => u.category === 'O').map((u) => u.nameUk);
    expect(oblasts.indexOf('Івано-Франківська')).toBe(oblasts.indexOf('Запорізька') + 1);
    expect(await searchUnits(t.db, {})).toHaveLength(20);
    expect(await searchUnits(t.db, { categories: ['K'] })).toHaveLength(2);
  });

  it('matches nothing for punctuation or LIKE wildcards, and for a malformed area code', async () => {
    expect(await searchUnits(t.db, { q: '%' })).toEqual([]);
    expect(await searchUnits(t.db, { q: "'-" })).toEqual([]);
    expect(await searchUnits(t.db, { q: 'в_н' })).toEqual(await searchUnits(t.db, { q: 'в н' }));
    expect(await searchUnits(t.db, { q: 'Вінн', within: 'nope' })).toEqual([]);
  });
});

describe('units, paths and children', () => {
  it('gets one unit or several, unknown codes absent', async () => {
    expect(await getUnit(t.db, 'UA99999999999999999')).toBeNull();
    expect(await getUnit(t.db, 'not a code')).toBeNull();
    const oblast = await getUnit(t.db, VINNYTSIA_OBLAST);
    expect(oblast).toEqual({
      code: VINNYTSIA_OBLAST, category: 'O', level: 1, parentCode: null, nameUk: 'Вінницька', nameEn: 'Vinnytska',
      labelUk: 'Вінницька область', labelEn: 'Vinnytska oblast', validFrom: '2025-05-16', validTo: null, hasChildren: true,
    });
    const map = await getUnits(t.db, [VINNYTSIA_OBLAST, KYIV, 'UA99999999999999999', KYIV]);
    expect([...map.keys()].sort()).toEqual([VINNYTSIA_OBLAST, KYIV]);
    expect(map.get(KYIV)).toMatchObject({ labelUk: 'Київ', labelEn: 'Kyiv', category: 'K' });
    expect(await getUnits(t.db, [])).toEqual(new Map());
  });

  it('gives the path root first, the unit last', async () => {
    const path = await unitPath(t.db, VINNYTSIA_CITY);
    expect(path.map((u) => u.category)).toEqual(['O', 'P', 'H', 'M']);
    expect(path[0]!.code).toBe(VINNYTSIA_OBLAST);
    expect(path.map((u) => u.labelUk)).toEqual(['Вінницька область', 'Вінницький район', 'Вінницька громада', 'м. Вінниця']);
    expect(codes(await unitPath(t.db, HOLOSIIVSKYI))).toEqual([KYIV, HOLOSIIVSKYI]);
    expect(await unitPath(t.db, 'UA99999999999999999')).toEqual([]);
    expect(await isWithin(t.db, VINNYTSIA_CITY, VINNYTSIA_OBLAST)).toBe(true);
    expect(await isWithin(t.db, VINNYTSIA_OBLAST, VINNYTSIA_OBLAST)).toBe(true);
    expect(await isWithin(t.db, VINNYTSIA_CITY, KYIV_OBLAST)).toBe(false);
  });

  it('pages through children in codifier order, the administrative centre first', async () => {
    const hromada = (await unitPath(t.db, VINNYTSIA_CITY))[2]!;
    const all = await children(t.db, hromada.code, { limit: 500 });
    expect(all.nextCursor).toBeNull();
    expect(all.items.length).toBeGreaterThan(5);
    expect(all.items[0]!.code).toBe(VINNYTSIA_CITY);
    expect(codes(all.items)).toEqual([...codes(all.items)].sort());

    const paged: AdminUnit[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: AdminUnit[]; nextCursor: string | null } = await children(t.db, hromada.code, { limit: 4, cursor });
      expect(page.items.length).toBeLessThanOrEqual(4);
      paged.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(codes(paged)).toEqual(codes(all.items));
    expect(pages).toBe(Math.ceil(all.items.length / 4));

    expect((await children(t.db, VINNYTSIA_CITY)).items).toEqual([]);
    expect((await children(t.db, null, { limit: 500 })).items).toHaveLength(27);
    expect((await children(t.db, KYIV, { limit: 10_000 })).items).toHaveLength(10);
    await expect(children(t.db, KYIV, { cursor: 'garbage' })).rejects.toThrow(/cursor/);
  });
});
