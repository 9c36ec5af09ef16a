import * as Y from 'yjs';
import { DOC_FRAGMENT } from './extensions';
import { templateDocument } from './template';
import { openDataDraft } from './testing/documents';
import { jsonToYUpdate, updateToJson, yDocToJson } from './yjs-conversion';

function docFrom(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

/** The Y.XmlText inside the top-level textblock at `index` (a heading or paragraph). */
function blockText(doc: Y.Doc, index: number): Y.XmlText {
  const block = doc.getXmlFragment(DOC_FRAGMENT).get(index) as Y.XmlElement;
  return block.get(0) as Y.XmlText;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

const template = templateDocument('Open Data Policy', [
  { heading: 'Purpose', paragraphs: ['The City publishes the data it holds.'] },
  { heading: 'Scope', paragraphs: ['All departments.'] },
]);

describe('Yjs conversion', () => {
  it('brings a draft with headings, lists, a table, a link and emphasis back unchanged', () => {
    expect(updateToJson(jsonToYUpdate(openDataDraft))).toEqual(openDataDraft);
  });

  it('brings a model policy template back unchanged', () => {
    expect(yDocToJson(docFrom(jsonToYUpdate(template)))).toEqual(template);
  });

  it('writes into the fragment the Collaboration extension reads', () => {
    const doc = docFrom(jsonToYUpdate(template));
    expect(doc.getXmlFragment(DOC_FRAGMENT).length).toBe(5);
    expect(doc.getXmlFragment(DOC_FRAGMENT).toString()).toContain('<heading level="1">Open Data Policy</heading>');
  });

  it('keeps both officials’ edits when they type at the same time', () => {
    const update = jsonToYUpdate(template);
    const alice = docFrom(update);
    const bob = docFrom(update);

    blockText(alice, 0).insert(0, 'Draft: ');
    const purpose = blockText(alice, 2);
    purpose.insert(purpose.length, ' Alice adds this.');
    blockText(bob, 2).insert(0, 'Bob adds this. ');
    blockText(bob, 4).insert(0, 'Nearly ');
    sync(alice, bob);

    const merged = yDocToJson(alice);
    expect(yDocToJson(bob)).toEqual(merged);
    expect(merged).toEqual(
      templateDocument('Draft: Open Data Policy', [
        { heading: 'Purpose', paragraphs: ['Bob adds this. The City publishes the data it holds. Alice adds this.'] },
        { heading: 'Scope', paragraphs: ['Nearly All departments.'] },
      ]),
    );
  });

  it('keeps both edits typed at the very same spot, in the same order for everyone', () => {
    const update = jsonToYUpdate(template);
    const alice = docFrom(update);
    const bob = docFrom(update);
    blockText(alice, 4).insert(0, 'Alice ');
    blockText(bob, 4).insert(0, 'Bob ');
    sync(alice, bob);

    const scope = blockText(alice, 4).toString();
    expect(scope).toMatch(/^(Alice Bob |Bob Alice )All departments\.$/);
    expect(blockText(bob, 4).toString()).toBe(scope);
  });

  it('reads a live document without changing it for the people editing it', () => {
    const live = docFrom(jsonToYUpdate(template));
    // y-prosemirror deletes elements the schema does not know when it reads them; that must not reach the live doc.
    live.getXmlFragment(DOC_FRAGMENT).insert(1, [new Y.XmlElement('widget')]);
    const updates: Uint8Array[] = [];
    live.on('update', (u: Uint8Array) => updates.push(u));

    expect(yDocToJson(live)).toEqual(template);
    expect(updates).toEqual([]);
    expect(live.getXmlFragment(DOC_FRAGMENT).length).toBe(6);
  });

  it('refuses to seed a document the schema does not allow', () => {
    expect(() => jsonToYUpdate({ type: 'doc', content: [{ type: 'listItem', content: [] }] })).toThrow(RangeError);
    expect(() => jsonToYUpdate({ type: 'doc', content: [{ type: 'video' }] })).toThrow(RangeError);
  });

  it('reads an empty document as an empty draft', () => {
    expect(yDocToJson(new Y.Doc())).toEqual({ type: 'doc' });
  });
});
