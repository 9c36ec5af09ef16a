import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../../../test/test-app';

describe('health and the web app beside the API', () => {
  let t: TestApp;
  // A stand-in for the web build, so serving it is tested whether or not `nx build web` ran.
  const webDist = mkdtempSync(join(tmpdir(), 'minga-web-'));
  const marker = 'minga-web-index-stand-in';

  beforeAll(async () => {
    writeFileSync(join(webDist, 'index.html'), `<!doctype html><title>Minga</title><div id="root">${marker}</div>`);
    t = await startTestApp({ WEB_DIST: webDist });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('reports liveness without sign-in', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { process: 'up' } });
  });

  it('reports readiness without sign-in once the database answers', async () => {
    const res = await t.http().get('/api/health/ready').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'up' } });
  });

  it('serves the web app, not an API problem, on a path outside /api', async () => {
    const res = await t.http().get('/hubs/japan').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain(marker);
  });

  it('answers an unknown /api path with a 404 problem instead of the web app', async () => {
    const res = await t.http().get('/api/does-not-exist').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'not_found', instance: '/api/does-not-exist' });
  });
});
