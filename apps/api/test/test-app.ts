// Boots the real API (all modules, real PostgreSQL) on a loopback port for integration tests.
import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { draftDocName, type Role, type Session } from '@minga/contracts';
import { AppModule } from '../src/app.module';
import { configureHttp } from '../src/http-setup';

export const DEMO_PASSWORD = 'test-demo-password';

export interface TestApp {
  app: NestExpressApplication;
  url: string;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

// Spec files share a worker process: each app starts from the environment the worker began with.
const WORKER_ENV = { ...process.env };

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  for (const key of Object.keys(process.env)) if (!(key in WORKER_ENV)) delete process.env[key];
  Object.assign(process.env, WORKER_ENV, {
    DATABASE_URL: process.env['MINGA_TEST_DATABASE_URL'],
    JWT_SECRET: 'integration-test-secret-that-is-long-enough',
    DEMO_PASSWORD,
    MINGA_DEMO: 'true',
    LOG_LEVEL: 'silent',
    SIGN_IN_RATE_LIMIT: '100000',
    API_RATE_LIMIT: '100000',
    PUBLIC_URL: 'http://minga.test',
    REFRESH_REUSE_GRACE_SECONDS: '10',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  configureHttp(app);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return {
    app,
    url,
    db: app.get<DataSource>(getDataSourceToken()),
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}

export interface TestPerson {
  id: string;
  email: string;
  password: string;
  token: string;
  session: Session;
}

/** A new person with the given roles, signed in; unique per call so tests never share state. */
export async function createPerson(t: TestApp, grants: { role: Role; hubKey?: string; cityName?: string }[] = []): Promise<TestPerson> {
  const email = `person-${randomBytes(5).toString('hex')}@example.test`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const { hashPassword } = await import('../src/platform/common/password-hasher');
  const [{ id }] = await t.db.query(
    `INSERT INTO users (email, name, password_hash, locale, time_zone, working_hours)
     VALUES ($1, $2, $3, 'en', 'UTC', '{"start":"09:00","end":"17:00","days":[1,2,3,4,5]}') RETURNING id`,
    [email, `Test ${email.slice(7, 12)}`, await hashPassword(password)],
  );
  for (const grant of grants) {
    await t.db.query(
      `INSERT INTO role_assignments (user_id, role, hub_id, city_id)
       VALUES ($1, $2, (SELECT id FROM hubs WHERE key = $3), (SELECT id FROM cities WHERE name = $4))`,
      [id, grant.role, grant.hubKey ?? null, grant.cityName ?? null],
    );
  }
  const res = await t.http().post('/api/auth/session').send({ email, password }).expect(200);
  return { id, email, password, token: res.body.accessToken, session: res.body };
}

export async function hubId(t: TestApp, key: string): Promise<string> {
  const [{ id }] = await t.db.query('SELECT id FROM hubs WHERE key = $1', [key]);
  return id;
}

export async function cityId(t: TestApp, name: string): Promise<string> {
  const [{ id }] = await t.db.query('SELECT id FROM cities WHERE name = $1', [name]);
  return id;
}

/** A draft of Tsukuba from the first model policy, started by `author` (an official of Tsukuba); its document name. */
export async function createTsukubaDraft(t: TestApp, author: TestPerson, title: string): Promise<string> {
  const policies = await t.http().get('/api/model-policies').set(bearer(author)).expect(200);
  const draft = await t
    .http()
    .post('/api/drafts')
    .set(bearer(author))
    .send({ cityId: await cityId(t, 'Tsukuba'), modelPolicyId: policies.body[0].id, title })
    .expect(201);
  return draft.body.docName as string;
}

export const bearer = (person: { token: string }) => ({ Authorization: `Bearer ${person.token}` });

/** Follows nextCursor from the first page to the last of a cursor-paginated list; returns every page. */
export async function allPages<T>(
  t: TestApp,
  path: string,
  query: Record<string, string | number>,
  viewer: { token: string },
): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  do {
    const res: { body: { items: T[]; nextCursor: string | null } } = await t
      .http()
      .get(path)
      .query(cursor ? { ...query, cursor } : query)
      .set(bearer(viewer))
      .expect(200);
    pages.push(res.body.items);
    cursor = res.body.nextCursor;
    if (pages.length > 1000) throw new Error(`${path} never reached its last page`);
  } while (cursor);
  return pages;
}

/** Deletes hubs a spec made, with everything in them (meetings, cohorts, plans, drafts and their documents, roles). */
export async function removeHubs(t: TestApp, hubIds: string[]): Promise<void> {
  const q = (sql: string, params: unknown[]) => t.db.query(sql, params);
  const drafts: { id: string }[] = await q('SELECT d.id FROM drafts d JOIN cities c ON c.id = d.city_id WHERE c.hub_id = ANY($1)', [
    hubIds,
  ]);
  const docNames = drafts.map((d) => draftDocName(d.id));
  await q('DELETE FROM meetings WHERE hub_id = ANY($1)', [hubIds]);
  await q('DELETE FROM calendar_feeds WHERE cohort_id IN (SELECT id FROM cohorts WHERE hub_id = ANY($1))', [hubIds]);
  await q('DELETE FROM cohorts WHERE hub_id = ANY($1)', [hubIds]);
  await q('DELETE FROM action_plan_history WHERE city_id IN (SELECT id FROM cities WHERE hub_id = ANY($1))', [hubIds]);
  await q('DELETE FROM action_plans WHERE city_id IN (SELECT id FROM cities WHERE hub_id = ANY($1))', [hubIds]);
  await q('DELETE FROM collab_versions WHERE doc_name = ANY($1)', [docNames]);
  await q('DELETE FROM collab_updates WHERE doc_name = ANY($1)', [docNames]);
  await q('DELETE FROM collab_documents WHERE name = ANY($1)', [docNames]);
  await q('DELETE FROM drafts WHERE id = ANY($1)', [drafts.map((d) => d.id)]);
  await q('DELETE FROM invitations WHERE hub_id = ANY($1) OR city_id IN (SELECT id FROM cities WHERE hub_id = ANY($1))', [hubIds]);
  await q('DELETE FROM role_assignments WHERE hub_id = ANY($1) OR city_id IN (SELECT id FROM cities WHERE hub_id = ANY($1))', [hubIds]);
  await q('DELETE FROM cities WHERE hub_id = ANY($1)', [hubIds]);
  await q('DELETE FROM hubs WHERE id = ANY($1)', [hubIds]);
}
