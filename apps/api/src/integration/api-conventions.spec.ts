import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE, ROUTE_ROLES, SIGNED_IN } from '@tc/shared/api';
import { createTestApp, type TestApp } from '../testing/test-app';

describe('API conventions: problem+json, security headers, request ids, OpenAPI, health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('GET /api/health checks the database', async () => {
    const res = await t.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up', databaseKind: t.kind });
  });

  it('malformed JSON is a 400 problem naming the body', async () => {
    const res = await t.request('POST', '/api/v1/auth/sign-in', {
      body: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 400,
      title: 'Bad request',
      errors: [expect.objectContaining({ field: 'body' })],
    });
  });

  it('validation problems name every field; unknown fields are rejected', async () => {
    const res = await t.request('POST', '/api/v1/auth/sign-in', { body: { email: 42, passwd: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('https://coaching-territorial.example.org/problems/validation');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'email',
      'passwd',
      'password',
    ]);
    expect(res.body.errors.find((e: { field: string }) => e.field === 'passwd').message).toBe(
      'Unknown field "passwd"',
    );
  });

  it('oversized bodies are a 413 problem', async () => {
    const res = await t.request('POST', '/api/v1/auth/sign-in', {
      body: { email: 'a@b.c', password: 'x'.repeat(4_500_000) },
    });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('unknown API routes are 404 problems, with the request id in the body and the header', async () => {
    const res = await t.request('GET', '/api/v1/no-such-thing', {
      headers: { 'x-request-id': 'req-1234567890' },
    });
    expect(res.status).toBe(404);
    expect(res.body.requestId).toBe('req-1234567890');
    expect(res.headers['x-request-id']).toBe('req-1234567890');
  });

  it('sends security headers and keeps CORS closed by default', async () => {
    const res = await t.request('GET', '/api/health', { headers: { origin: 'https://evil.example' } });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('compresses what the client accepts (brotli, else gzip) above 1 kB, and leaves small answers alone', async () => {
    const admin = (await t.signIn('admin@example.org')).accessToken;
    const plain = await t.request('GET', '/api/v1/users', { token: admin });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await t.request('GET', '/api/v1/users', {
      token: admin,
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.raw).toString()).toBe(plain.raw.toString());
    expect(br.raw.length).toBeLessThan(plain.raw.length / 2);
    const gz = await t.request('GET', '/api/v1/users', {
      token: admin,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.raw).toString()).toBe(plain.raw.toString());
    const health = await t.request('GET', '/api/health', { headers: { 'accept-encoding': 'gzip' } });
    expect(health.headers['content-encoding']).toBeUndefined();
    // The OpenAPI document stays whole (Swagger's route breaks under compression).
    const docs = await t.request('GET', '/api/docs-json', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(docs.headers['content-encoding']).toBeUndefined();
    expect(docs.raw.toString()).toBe((await t.request('GET', '/api/docs-json')).raw.toString());
    expect(docs.raw.length).toBeGreaterThan(10_000);
  });

  it('publishes the OpenAPI document with every route and bearer auth', async () => {
    const res = await t.request('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/sign-in',
        '/api/v1/me',
        '/api/v1/users',
        '/api/v1/territories/{id}',
        '/api/health',
      ]),
    );
    expect(res.body.components.securitySchemes.bearer).toBeDefined();
    expect((await t.request('GET', '/api/docs')).status).toBe(200);
  });

  it('every route of the router declares who may call it', async () => {
    const discovery = new DiscoveryService(t.app.get(ModulesContainer));
    const scanner = new MetadataScanner();
    const reflector = t.app.get(Reflector);
    const undeclared: string[] = [];
    let routes = 0;
    for (const wrapper of discovery.getControllers()) {
      const instance = wrapper.instance as object;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const name of scanner.getAllMethodNames(proto)) {
        const handler = (proto as Record<string, unknown>)[name] as () => unknown;
        if (Reflect.getMetadata('path', handler) === undefined) continue;
        routes++;
        const targets = [handler, instance.constructor];
        const declared = [PUBLIC_ROUTE, ROUTE_ROLES, SIGNED_IN].some(
          (key) => reflector.getAllAndOverride(key, targets) !== undefined,
        );
        if (!declared) undeclared.push(`${instance.constructor.name}.${name}`);
      }
    }
    expect(routes).toBeGreaterThan(15);
    expect(undeclared).toEqual([]);
  });
});
