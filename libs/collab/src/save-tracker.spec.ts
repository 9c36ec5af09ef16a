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
    tracker.recordLocal();
    const afterFirst = Y.encodeStateVector(doc);
    typeInto(doc, 'def');
    tracker.recordLocal();
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
    tracker.recordLocal();
    typeInto(other, 'theirs');
    tracker.confirm(Y.decodeStateVector(Y.encodeStateVector(other)));
    expect(tracker.pending).toBe(1);
  });
});
