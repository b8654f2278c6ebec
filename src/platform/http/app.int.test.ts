import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, TestClient } from '../../../test/helpers/test-app.js';
import { readMigrations } from '../db/migrate.js';
import { buildApp } from './app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('operations endpoints', () => {
  it('answers /healthz, /readyz and /metrics', async () => {
    const health = await t.app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    await t.app.inject({ url: '/api/v1/auth/session' });
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('opennrm_http_requests_total{method="GET",route="/api/v1/auth/session",status="200"}');
    expect(metrics.body).toContain('opennrm_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('opennrm_db_pool_connections{state="total"}');
    expect(metrics.body).toContain('opennrm_process_resident_memory_bytes');
  });

  it('is not ready while a migration is missing', async () => {
    await t.db.query('DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)');
    const r = await t.app.inject({ url: '/readyz' });
    expect(r.statusCode).toBe(503);
    expect(r.headers['content-type']).toContain('application/problem+json');
    // Re-recording the row restores readiness (the schema itself is intact).
    const files = await readMigrations();
    const last = files[files.length - 1]!;
    await t.db.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [last.version, last.name, last.checksum]);
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });

  it('publishes OpenAPI 3.1 generated from the schemas', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    expect(doc.paths['/api/v1/users']).toBeDefined();
    const docs = await t.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers errors as problem+json with the request id, never a stack', async () => {
    const c = new TestClient(t.app);
    const missing = await c.get('/api/v1/nothing-here', { 'x-request-id': 'test-request-0001' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-request-id']).toBe('test-request-0001');
    expect(missing.json()).toMatchObject({ status: 404, code: 'not_found', instance: 'urn:request:test-request-0001' });
    const badJson = await c.request('POST', '/api/v1/auth/login', '{"username": ');
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().code).toBe('bad_json');
    const big = await c.request('POST', '/api/v1/auth/login', JSON.stringify({ username: 'x', password: 'y'.repeat(1_100_000) }));
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
    const form = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: 'username=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.statusCode).toBe(415);
    const unknownField = await c.post('/api/v1/auth/login', { username: 'a', password: 'b', admin: true });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().errors[0].field).toMatch(/^body/);
    for (const r of [missing, badJson, big, unknownField]) expect(r.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a cross-site origin on sign-in', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', host: 'localhost:8080' },
      payload: JSON.stringify({ username: 'a', password: 'b' }),
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('csrf');
  });

  it('sets security headers', async () => {
    const r = await t.app.inject({ url: '/api/v1/auth/session' });
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cache-control']).toBe('no-store');
  });
});

describe('routes are closed by default', () => {
  it('refuses to start with an /api/v1 route that declares no access rule', async () => {
    const careless = (app: Parameters<Parameters<typeof buildApp>[1][number]>[0]) => {
      app.get('/api/v1/forgotten', async () => ({ secret: true }));
    };
    await expect(buildApp(t.ctx, [careless], { logger: false, serveWeb: false })).rejects.toThrow(/declares no access rule/);
  });
});
