import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { allSaved, eventually, openEditor, type Editor } from '../../../test/collab-client';
import { bearer, cityId, createPerson, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';
import { itemAt } from '../../../test/item-at';

describe('draft versions, comparison, restore and export', () => {
  let t: TestApp;
  let official: TestPerson;
  let expert: TestPerson;
  let observer: TestPerson;
  let draftId: string;
  let docName: string;
  const open: Editor[] = [];

  beforeAll(async () => {
    t = await startTestApp({ COLLAB_UNLOAD_GRACE_SECONDS: '0.1', COLLAB_AUTO_VERSION_MINUTES: '0.01' });
    official = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
    expert = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
    observer = await createPerson(t, [{ role: 'observer' }]);
    const policies = (await t.http().get('/api/model-policies').set(bearer(official)).expect(200)).body as { id: string; key: string }[];
    const draft = await t
      .http()
      .post('/api/drafts')
      .set(bearer(official))
      .send({ cityId: await cityId(t, 'Tsukuba'), modelPolicyId: policies.find((p) => p.key === 'pia')?.id, title: 'Versioned PIA' })
      .expect(201);
    draftId = draft.body.id;
    docName = draft.body.docName;
  });
  afterEach(() => {
    for (const e of open.splice(0)) e.close();
  });
  afterAll(() => t.close());

  const edit = async (text: string) => {
    const e = await openEditor(t.url, docName, official.token);
    open.push(e);
    e.type(text);
    await allSaved(e);
    return e;
  };

  it('names a version that keeps the text of that moment and renders it as HTML', async () => {
    await edit('Sensors in parks are assessed first.');
    const named = await t
      .http()
      .post(`/api/drafts/${draftId}/versions`)
      .set(bearer(official))
      .send({ label: 'Sent to legal review' })
      .expect(201);
    expect(named.body).toMatchObject({ kind: 'named', label: 'Sent to legal review', createdBy: { id: official.id } });
    await edit('A later sentence that the version does not have.');

    const read = await t.http().get(`/api/drafts/${draftId}/versions/${named.body.id}`).set(bearer(observer)).expect(200);
    expect(read.body.html).toContain('Sensors in parks are assessed first.');
    expect(read.body.html).not.toContain('A later sentence');
    expect(read.body.outline.map((o: { text: string }) => o.text)).toContain('Purpose');
    const list = await t.http().get(`/api/drafts/${draftId}/versions`).set(bearer(expert)).expect(200);
    expect(list.body.map((v: { id: string }) => v.id)).toContain(named.body.id);
  });

  it('gives the headings of the draft as it is now, for linking an agenda item to a section', async () => {
    await edit('Text under the last section.');
    const res = await t.http().get(`/api/drafts/${draftId}/outline`).set(bearer(observer)).expect(200);
    const outline = res.body.outline as { level: number; text: string; index: number }[];
    expect(outline[0]).toEqual({ level: 1, text: 'Versioned PIA', index: 0 });
    expect(outline.map((o) => o.text)).toContain('Purpose');
    // In document order: each heading's block index is past the one before.
    expect(outline.every((o, i) => i === 0 || o.index > itemAt(outline, i - 1).index)).toBe(true);
    await t.http().get('/api/drafts/00000000-0000-4000-8000-000000000000/outline').set(bearer(observer)).expect(404);
  });

  it('takes automatic versions while the draft is edited', async () => {
    const e = await edit('Typed first.');
    // The interval is 0.6 s in this test (10 minutes by default): the next saved change after it takes a version.
    await new Promise((r) => setTimeout(r, 700));
    e.type('Typed after the interval.');
    await allSaved(e);
    await eventually('an automatic version with the new text', async () => {
      const list = await t.http().get(`/api/drafts/${draftId}/versions`).set(bearer(official)).expect(200);
      const autos = (list.body as { id: string; kind: string }[]).filter((v) => v.kind === 'auto');
      for (const version of autos) {
        const read = await t.http().get(`/api/drafts/${draftId}/versions/${version.id}`).set(bearer(official)).expect(200);
        if (read.body.html.includes('Typed after the interval.')) return true;
      }
      return false;
    });
  });

  it('takes one automatic version per period however many instances hold the draft', async () => {
    const { DocumentVersions } = await import('../../platform/collab/document-versions.service');
    const versions = t.app.get(DocumentVersions);
    const name = `draft:${randomUUID()}`;
    const state = Y.encodeStateAsUpdate(new Y.Doc());
    // Two instances whose timers fire together: one version; once the period is over, the next one.
    const taken = await Promise.all([versions.saveAutomatic(name, state, 60_000), versions.saveAutomatic(name, state, 60_000)]);
    expect(taken.sort()).toEqual([false, true]);
    expect(await versions.saveAutomatic(name, state, 0)).toBe(true);
    expect(await versions.list(name)).toHaveLength(2);
  });

  it('compares the draft with its model policy section by section', async () => {
    await edit('Tsukuba adds its own clause.');
    const res = await t.http().get(`/api/drafts/${draftId}/comparison?from=model&to=current`).set(bearer(expert)).expect(200);
    const sections = res.body.sections as { heading: string; change: string; parts: { op: string; text: string }[] }[];
    expect(sections.find((s) => s.heading === 'Purpose')?.change).toBe('unchanged');
    const changed = sections.filter((s) => s.change === 'changed');
    expect(changed.flatMap((s) => s.parts).some((p) => p.op === 'insert' && p.text.includes('Tsukuba adds its own clause.'))).toBe(true);
    await t.http().get(`/api/drafts/${draftId}/comparison?from=nonsense`).set(bearer(expert)).expect(400);
  });

  it('restores a version as a new change that open editors receive, keeping the replaced text as a restore point', async () => {
    await edit('Before the good version.');
    const good = await t.http().post(`/api/drafts/${draftId}/versions`).set(bearer(official)).send({ label: 'Good wording' }).expect(201);
    const watcher = await edit('A mistake to undo.');
    expect(watcher.text()).toContain('A mistake to undo.');

    await t.http().post(`/api/drafts/${draftId}/versions/${good.body.id}/restore`).set(bearer(expert)).expect(403);
    const restorePoint = await t.http().post(`/api/drafts/${draftId}/versions/${good.body.id}/restore`).set(bearer(official)).expect(201);
    expect(restorePoint.body.kind).toBe('restore');
    await eventually('the open editor shows the restored text', () => !watcher.text().includes('A mistake to undo.'));
    expect(watcher.text()).toContain('Before the good version.');
    const kept = await t.http().get(`/api/drafts/${draftId}/versions/${restorePoint.body.id}`).set(bearer(official)).expect(200);
    expect(kept.body.html).toContain('A mistake to undo.');
  });

  it('exports Markdown, HTML, text and DOCX to anyone who may read the draft', async () => {
    const md = await t.http().get(`/api/drafts/${draftId}/export?format=markdown`).set(bearer(observer)).expect(200);
    expect(md.headers['content-type']).toMatch(/text\/markdown/);
    expect(md.headers['content-disposition']).toMatch(/attachment/);
    expect(md.text).toMatch(/^# Versioned PIA/m);
    expect(md.text).toMatch(/^## Purpose/m);
    const html = await t.http().get(`/api/drafts/${draftId}/export?format=html`).set(bearer(observer)).expect(200);
    expect(html.text).toContain('<h2>Purpose</h2>');
    const text = await t.http().get(`/api/drafts/${draftId}/export?format=text`).set(bearer(observer)).expect(200);
    expect(text.text).toContain('Purpose');
    const docx = await t
      .http()
      .get(`/api/drafts/${draftId}/export?format=docx`)
      .set(bearer(observer))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((docx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    await t.http().get(`/api/drafts/${draftId}/export?format=pdf`).set(bearer(observer)).expect(400);
  });

  it('lets only those who may update the draft name a version, and checks the label', async () => {
    await t.http().post(`/api/drafts/${draftId}/versions`).set(bearer(expert)).send({ label: 'Expert try' }).expect(403);
    const bad = await t.http().post(`/api/drafts/${draftId}/versions`).set(bearer(official)).send({ label: '' }).expect(400);
    expect(bad.body.errors[0].path).toBe('label');
    await t.http().get(`/api/drafts/${draftId}/versions/00000000-0000-4000-8000-000000000000`).set(bearer(official)).expect(404);
  });
});
