import * as Y from 'yjs';
import { DOC_FRAGMENT } from '@minga/editor';
import { encodeStructs, halfValidUpdate } from '../../../test/forged-updates';
import { integrityProblem } from './update-integrity';
import { firstItems } from '../../../test/item-at';

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

/** The updates a document emits while `edit` runs, one per transaction. */
function updatesOf(doc: Y.Doc, edit: () => void): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const listener = (update: Uint8Array) => updates.push(update);
  doc.on('update', listener);
  edit();
  doc.off('update', listener);
  return updates;
}

const problem = (doc: Y.Doc, update: Uint8Array) => integrityProblem(doc, Y.decodeUpdate(update));

describe('integrityProblem', () => {
  it('accepts what editors send: new text, edits of others’ text, deletions, and a reconnecting client’s whole state', () => {
    const server = new Y.Doc();
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    const relay = (from: Y.Doc, updates: Uint8Array[]) => {
      for (const update of updates) {
        expect(problem(server, update)).toBeNull();
        Y.applyUpdate(server, update);
        for (const doc of [alice, bob]) if (doc !== from) Y.applyUpdate(doc, update);
      }
    };
    relay(
      alice,
      updatesOf(alice, () => alice.getXmlFragment(DOC_FRAGMENT).insert(0, [paragraph('Article 1.')])),
    );
    relay(
      bob,
      updatesOf(bob, () => (bob.getXmlFragment(DOC_FRAGMENT).get(0) as Y.XmlElement).insert(1, [new Y.XmlText(' Amended.')])),
    );
    relay(
      alice,
      updatesOf(alice, () => alice.getXmlFragment(DOC_FRAGMENT).insert(1, [paragraph('Article 2.')])),
    );
    relay(
      bob,
      updatesOf(bob, () => bob.getXmlFragment(DOC_FRAGMENT).delete(0, 1)),
    );
    // A client coming back sends everything beyond the server's state vector, its whole delete set included.
    expect(problem(server, Y.encodeStateAsUpdate(alice, Y.encodeStateVector(server)))).toBeNull();
    expect(problem(server, Y.encodeStateAsUpdate(alice))).toBeNull();
  });

  it('accepts changes of several clients in one update whatever their order, as a merged batch carries them', () => {
    const server = new Y.Doc();
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    alice.getXmlFragment(DOC_FRAGMENT).insert(0, [paragraph('From Alice.')]);
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    bob.getXmlFragment(DOC_FRAGMENT).insert(1, [paragraph('After Alice, from Bob.')]);
    // Bob's client id may sort before Alice's: his paragraph then waits for hers inside the update.
    expect(problem(server, Y.encodeStateAsUpdate(bob))).toBeNull();
  });

  it('refuses an update whose writer refers to a change of its own that does not exist (Yjs throws halfway)', () => {
    const server = new Y.Doc();
    const update = halfValidUpdate('Relayed junk');
    expect(problem(server, update)).toMatch(/own writer/);
    // Without the check, Yjs keeps the first paragraph and throws on the second.
    expect(() => Y.applyUpdate(server, update)).toThrow();
    expect(server.getXmlFragment(DOC_FRAGMENT).toString()).toContain('Relayed junk');
  });

  it('refuses an update that continues changes the document never had (Yjs would leave it pending)', () => {
    const server = new Y.Doc();
    const writer = new Y.Doc();
    writer.getXmlFragment(DOC_FRAGMENT).insert(0, [paragraph('First.')]);
    const before = Y.encodeStateVector(writer);
    writer.getXmlFragment(DOC_FRAGMENT).insert(1, [paragraph('Second.')]);
    expect(problem(server, Y.encodeStateAsUpdate(writer, before))).toMatch(/does not have/);
  });

  it('refuses an update that depends on another client’s change the document does not have', () => {
    const server = new Y.Doc();
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    alice.getXmlFragment(DOC_FRAGMENT).insert(0, [paragraph('Only Alice and Bob saw this.')]);
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    const before = Y.encodeStateVector(bob);
    bob.getXmlFragment(DOC_FRAGMENT).insert(1, [paragraph('Next to it.')]);
    expect(problem(server, Y.encodeStateAsUpdate(bob, before))).toMatch(/depends on changes/);
  });

  it('refuses changes of two clients that wait for each other', () => {
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    alice.getXmlFragment(DOC_FRAGMENT).insert(0, [paragraph('A')]);
    bob.getXmlFragment(DOC_FRAGMENT).insert(0, [paragraph('B')]);
    const [a] = firstItems(Y.decodeUpdate(Y.encodeStateAsUpdate(alice)).structs as Y.Item[], 1);
    const [b] = firstItems(Y.decodeUpdate(Y.encodeStateAsUpdate(bob)).structs as Y.Item[], 1);
    a.origin = b.id;
    a.parent = null;
    b.origin = a.id;
    b.parent = null;
    expect(problem(new Y.Doc(), encodeStructs([a, b]))).toMatch(/depends on changes/);
  });

  it('refuses a deletion of text the document does not have', () => {
    const writer = new Y.Doc();
    writer.getXmlFragment(DOC_FRAGMENT).insert(0, [paragraph('Deleted later.')]);
    const before = Y.encodeStateVector(writer);
    writer.getXmlFragment(DOC_FRAGMENT).delete(0, 1);
    // Only the deletion, sent to a server that never had the paragraph.
    expect(problem(new Y.Doc(), Y.encodeStateAsUpdate(writer, before))).toMatch(/deletes text/);
  });
});
