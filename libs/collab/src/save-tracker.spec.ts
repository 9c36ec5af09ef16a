import * as Y from 'yjs';
import { SaveTracker } from './save-tracker';

function typeInto(doc: Y.Doc, text: string): void {
  doc.getText('t').insert(doc.getText('t').length, text);
}

describe('SaveTracker', () => {
  it('counts local changes until a saved state vector covers them', () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    typeInto(doc, 'abc');
    tracker.recordLocal(null);
    const afterFirst = Y.encodeStateVector(doc);
    typeInto(doc, 'def');
    tracker.recordLocal(null);
    expect(tracker.pending).toBe(2);

    tracker.confirm(Y.decodeStateVector(afterFirst));
    expect(tracker.pending).toBe(1);
    tracker.confirm(Y.decodeStateVector(Y.encodeStateVector(doc)));
    expect(tracker.pending).toBe(0);
  });

  it('ignores confirmations that only cover other clients', () => {
    const doc = new Y.Doc();
    const other = new Y.Doc();
    const tracker = new SaveTracker(doc);
    typeInto(doc, 'mine');
    tracker.recordLocal(null);
    typeInto(other, 'theirs');
    tracker.confirm(Y.decodeStateVector(Y.encodeStateVector(other)));
    expect(tracker.pending).toBe(1);
  });

  it('keeps a change that only deletes unconfirmed until the message that carried it is confirmed', () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    typeInto(doc, 'clause');
    tracker.recordLocal(1);
    doc.getText('t').delete(0, 3);
    tracker.recordLocal(2);
    // The state vector after the typing covers the deletion's clock too: by clock it would count as saved.
    tracker.confirmThrough(1);
    expect(tracker.pending).toBe(1);
    tracker.confirmThrough(2);
    expect(tracker.pending).toBe(0);
  });

  it('confirms changes made offline by the message of the next connection that carries them', () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    typeInto(doc, 'sent before the connection dropped');
    tracker.recordLocal(7);
    typeInto(doc, 'typed offline');
    tracker.recordLocal(null);
    // A new connection numbers from 1 again: its sync step 2 (message 1) holds both.
    tracker.sentAllIn(1);
    tracker.confirmThrough(0);
    expect(tracker.pending).toBe(2);
    tracker.confirmThrough(1);
    expect(tracker.pending).toBe(0);
  });
});
