import { randomUUID } from 'node:crypto';
import type { ModelPolicy } from '@minga/contracts';
import { bearer, createPerson, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';
import { ModelPolicyCatalog } from './model-policy-catalog.service';
import seedFacts from '../seed/seed-facts.json';
import catalog from './model-policy-catalog.json';

interface EditorNode {
  type: string;
  attrs?: Record<string, unknown>;
  text?: string;
  content?: EditorNode[];
}

const textOf = (node: EditorNode): string => node.text ?? (node.content ?? []).map(textOf).join('');
const headingsOf = (doc: EditorNode, level: number) =>
  (doc.content ?? []).filter((n) => n.type === 'heading' && n.attrs?.['level'] === level).map(textOf);

describe('model policies', () => {
  let t: TestApp;
  let observer: TestPerson;
  let policies: ModelPolicy[];
  const byKey = (key: string) => {
    const policy = policies.find((p) => p.key === key);
    if (!policy) throw new Error(`no model policy ${key}`);
    return policy;
  };

  beforeAll(async () => {
    t = await startTestApp();
    observer = await createPerson(t, [{ role: 'observer' }]);
    policies = (await t.http().get('/api/model-policies').set(bearer(observer)).expect(200)).body;
  });
  afterAll(() => t.close());

  it('lists the seven model policies of the alliance by name, each with a one-sentence summary', () => {
    expect(policies.map((p) => p.key).sort()).toEqual(catalog.model_policies.map((p) => p.key).sort());
    expect(policies.map((p) => p.name)).toEqual([...policies.map((p) => p.name)].sort((a, b) => (a < b ? -1 : 1)));
    for (const policy of policies) {
      expect(policy.summary).toMatch(/^[A-Z].{40,220}\.$/);
      expect(policy.language).toBe('en');
    }
    expect(byKey('whole-life-carbon').unveiledOn).toBe('2023-11-08');
    expect(byKey('open-data').unveiledOn).toBeNull();
  });

  it('gives open data, privacy impact assessment and accessible ICT procurement a template of five to eight sections', () => {
    for (const key of ['open-data', 'pia', 'ict-accessibility']) {
      expect(byKey(key)).toMatchObject({ hasTemplate: true });
      expect(byKey(key).sections.length).toBeGreaterThanOrEqual(5);
      expect(byKey(key).sections.length).toBeLessThanOrEqual(8);
    }
    const tsukuba = seedFacts.cities.find((c) => c.name === 'Tsukuba')?.draft_sections ?? [];
    expect(byKey('pia').sections).toEqual(expect.arrayContaining(tsukuba));
    expect(byKey('pia').sections.filter((s) => tsukuba.includes(s))).toEqual(tsukuba);
    expect(byKey('ict-accessibility').sections).toEqual(
      expect.arrayContaining([
        'Purpose',
        'Scope',
        'Accessibility requirements in procurement',
        'Evaluation of bids',
        'Exceptions',
        'Monitoring and reporting',
      ]),
    );
    expect(byKey('dig-once')).toMatchObject({ hasTemplate: false, sections: [] });
  });

  it('returns one model policy by id, 404 for an unknown id and 400 for one that is not a uuid', async () => {
    const pia = byKey('pia');
    const res = await t.http().get(`/api/model-policies/${pia.id}`).set(bearer(observer)).expect(200);
    expect(res.body).toEqual(pia);
    const unknown = await t.http().get(`/api/model-policies/${randomUUID()}`).set(bearer(observer)).expect(404);
    expect(unknown.body.code).toBe('not_found');
    await t.http().get('/api/model-policies/pia').set(bearer(observer)).expect(400);
  });

  it('serves a template as an editor document whose headings are its sections, with paragraphs under each', async () => {
    for (const key of ['open-data', 'pia', 'ict-accessibility']) {
      const policy = byKey(key);
      const res = await t.http().get(`/api/model-policies/${policy.id}/template`).set(bearer(observer)).expect(200);
      const doc = res.body as EditorNode;
      expect(doc.type).toBe('doc');
      expect(headingsOf(doc, 1)).toEqual([policy.name]);
      expect(headingsOf(doc, 2)).toEqual(policy.sections);
      const paragraphs = (doc.content ?? []).filter((n) => n.type === 'paragraph').map(textOf);
      expect(paragraphs.length).toBeGreaterThanOrEqual(policy.sections.length);
      expect(paragraphs.every((p) => p.length > 40)).toBe(true);
    }
    const accessible = await t
      .http()
      .get(`/api/model-policies/${byKey('ict-accessibility').id}/template`)
      .set(bearer(observer))
      .expect(200);
    expect(JSON.stringify(accessible.body)).toMatch(/WCAG\) 2\.2 at Level AA.*EN 301 549/);
  });

  it('answers 404 for the template of a policy that has none yet', async () => {
    const res = await t
      .http()
      .get(`/api/model-policies/${byKey('dig-once').id}/template`)
      .set(bearer(observer))
      .expect(404);
    expect(res.body.code).toBe('not_found');
  });

  it('refuses the list to a signed-in person who holds no role', async () => {
    const nobody = await createPerson(t);
    const res = await t.http().get('/api/model-policies').set(bearer(nobody)).expect(403);
    expect(res.body.code).toBe('forbidden');
  });

  it('syncs the catalogue again without duplicating or replacing a model policy', async () => {
    await t.app.get(ModelPolicyCatalog).onApplicationBootstrap();
    const again: ModelPolicy[] = (await t.http().get('/api/model-policies').set(bearer(observer)).expect(200)).body;
    expect(again).toEqual(policies);
  });
});
