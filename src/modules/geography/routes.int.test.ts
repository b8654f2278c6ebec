import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, TestClient } from '../../../test/helpers/test-app.js';

let t: TestApp;
let client: TestClient;

const VINNYTSIA_OBLAST = 'UA05000000000010236';
const VINNYTSIA_CITY = 'UA05020030010063857';
const KYIV = 'UA80000000000093317';
const UNIT_KEYS = ['category', 'code', 'hasChildren', 'labelEn', 'labelUk', 'level', 'nameEn', 'nameUk', 'parentCode', 'validFrom', 'validTo'];

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  // A hotline operator: geography is readable by every signed-in role.
  client = await t.login('hotline.lastrada');
});
afterAll(async () => t?.close());

const get = (url: string) => client.get(url);

describe('GET /api/v1/geography/units', () => {
  it.each(['Вінн', 'vinn'])('q=%s answers {"items":[…]} with the oblast and the city first', async (q) => {
    const res = await get(`/api/v1/geography/units?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body)).toEqual(['items']);
    expect(body.items.slice(0, 2).map((u: { code: string }) => u.code)).toEqual([VINNYTSIA_OBLAST, VINNYTSIA_CITY]);
    expect(Object.keys(body.items[0]).sort()).toEqual(UNIT_KEYS);
    expect(body.items[0]).toMatchObject({ code: VINNYTSIA_OBLAST, category: 'O', nameUk: 'Вінницька', nameEn: 'Vinnytska', labelEn: 'Vinnytska oblast' });
  });

  it('lists the root units without q, and the children of parentCode', async () => {
    const roots = (await get('/api/v1/geography/units?limit=100')).json().items;
    expect(roots).toHaveLength(27);
    const districts = (await get(`/api/v1/geography/units?parentCode=${KYIV}&limit=100`)).json().items;
    expect(districts).toHaveLength(10);
  });

  it('takes categories repeated or comma-separated, and includeExpired', async () => {
    const a = (await get('/api/v1/geography/units?q=%D0%B2%D1%96%D0%BD%D0%BD&category=M&category=O')).json().items;
    const b = (await get('/api/v1/geography/units?q=%D0%B2%D1%96%D0%BD%D0%BD&category=M,O&includeExpired=false')).json().items;
    expect(a.map((u: { code: string }) => u.code)).toEqual([VINNYTSIA_OBLAST, VINNYTSIA_CITY]);
    expect(b).toEqual(a);
  });

  it.each([
    ['an unknown query field', '?q=vinn&sort=name'],
    ['an unknown category', '?category=Q'],
    ['a limit above 100', '?q=v&limit=101'],
    ['a limit of 0', '?q=v&limit=0'],
    ['a malformed parentCode', '?parentCode=UA123'],
    ['a non-boolean includeExpired', '?includeExpired=yes'],
    ['a query longer than 100 characters', `?q=${'а'.repeat(101)}`],
  ])('refuses %s with 400', async (_case, query) => {
    const res = await get(`/api/v1/geography/units${encodeURI(query)}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('requires a signed-in user', async () => {
    const res = await new TestClient(t.app).get('/api/v1/geography/units?q=vinn');
    expect(res.statusCode).toBe(401);
  });
});

describe('GET /api/v1/geography/units/:code and its path and children', () => {
  it('answers the unit with its path, root first', async () => {
    const res = await get(`/api/v1/geography/units/${VINNYTSIA_CITY}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ code: VINNYTSIA_CITY, category: 'M', labelUk: 'м. Вінниця', hasChildren: false, validTo: null });
    expect(body.path.map((u: { category: string }) => u.category)).toEqual(['O', 'P', 'H', 'M']);
    const path = (await get(`/api/v1/geography/units/${VINNYTSIA_CITY}/path`)).json();
    expect(path).toEqual({ items: body.path });
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    for (const suffix of ['', '/path', '/children']) {
      const unknown = await get(`/api/v1/geography/units/UA99999999999999999${suffix}`);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ status: 404, code: 'not_found' });
      expect((await get(`/api/v1/geography/units/UA0500${suffix}`)).statusCode).toBe(400);
      expect((await get(`/api/v1/geography/units/ua05000000000010236${suffix}`)).statusCode).toBe(400);
    }
  });

  it('pages children with a cursor, never unbounded', async () => {
    const first = (await get(`/api/v1/geography/units/${KYIV}/children?limit=6`)).json();
    expect(first.items).toHaveLength(6);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await get(`/api/v1/geography/units/${KYIV}/children?limit=6&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(4);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items].map((u: { code: string }) => u.code);
    expect(new Set(all).size).toBe(10);
    expect((await get(`/api/v1/geography/units/${KYIV}/children?limit=501`)).statusCode).toBe(400);
    expect((await get(`/api/v1/geography/units/${KYIV}/children?cursor=nonsense`)).statusCode).toBe(400);
    expect((await get(`/api/v1/geography/units/${KYIV}/children?page=2`)).statusCode).toBe(400);
  });
});

describe('GET /api/v1/geography/editions', () => {
  it('lists the loaded codifier editions', async () => {
    const res = await get('/api/v1/geography/editions');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [{ edition: '2025-05-16', unitCount: 31_748, loadedAt: expect.any(String) }] });
  });
});

describe('OpenAPI', () => {
  it('documents the geography routes under their tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/geography'));
    expect(paths.sort()).toEqual([
      '/api/v1/geography/editions',
      '/api/v1/geography/units',
      '/api/v1/geography/units/{code}',
      '/api/v1/geography/units/{code}/children',
      '/api/v1/geography/units/{code}/path',
    ]);
    expect(doc.paths['/api/v1/geography/units'].get.tags).toEqual(['geography']);
  });
});
