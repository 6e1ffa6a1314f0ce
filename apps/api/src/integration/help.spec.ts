import { createTestApp, type TestApp } from '../testing/test-app';

/** `GET /api/v1/help`: what the help page takes from the configuration, open to anyone. */
describe('the help page settings', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('names the configured contact and threshold to a signed-out visitor', async () => {
    t = await createTestApp({
      DEMO_SEED: 'false',
      SUPPORT_EMAIL: 'aide@programme.example.ma',
      SUPPORT_PHONE: '+212 5 37 00 00 00',
      OBSERVATORY_K: '7',
    });
    const res = await t.request('GET', '/api/v1/help');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      contact: { email: 'aide@programme.example.ma', phone: '+212 5 37 00 00 00' },
      observatoryK: 7,
    });
  });

  it('says no contact is configured by default, and the default threshold of 5', async () => {
    t = await createTestApp({ DEMO_SEED: 'false' });
    const res = await t.request('GET', '/api/v1/help');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ contact: { email: null, phone: null }, observatoryK: 5 });
  });
});
