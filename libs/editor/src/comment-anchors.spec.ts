import { toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { anchorForWords, anchorInText, DocumentText, headingSectionIds, replaceInText } from './comment-anchors';
import { DOC_FRAGMENT } from './extensions';
import { jsonToYUpdate, yDocToJson } from './yjs-conversion';
import { outlineOf } from './outline';
import { openDataDraft } from './testing/documents';

function draftDoc(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, jsonToYUpdate(openDataDraft));
  return doc;
}

/** A second replica of the same document, as another browser holds it. */
function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function firstParagraphText(doc: Y.Doc): Y.XmlText {
  const paragraph = doc.getXmlFragment(DOC_FRAGMENT).get(1) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

function anchorOf(doc: Y.Doc, words: string) {
  const anchor = anchorForWords(doc, words);
  if (!anchor) throw new Error(`"${words}" is not in the document`);
  return anchor;
}

const resolvedText = (doc: Y.Doc, anchor: { start: string; end: string }) => {
  const result = new DocumentText(doc).resolve(anchor);
  return result.ok ? result.range.text : result.reason;
};

describe('comment anchors', () => {
  it('reads the draft as text with blocks on their own lines', () => {
    const text = new DocumentText(draftDoc()).text;
    expect(text.startsWith('Open Data Policy\nThe City publishes data by default, in open formats')).toBe(true);
    expect(text).toContain('Principles\nOpen by default\nTimely and complete\nSteps');
  });

  it('resolves an anchor to the words it covers and the section they sit in', () => {
    const doc = draftDoc();
    const text = new DocumentText(doc);
    const result = text.resolve(anchorOf(doc, 'open formats'));
    expect(result.ok && result.range.text).toBe('open formats');
    expect(result.ok && text.sectionAt(result.range.from)?.heading).toBe('Open Data Policy');
    const inList = text.resolve(anchorOf(doc, 'Timely'));
    expect(inList.ok && text.sectionAt(inList.range.from)?.heading).toBe('Principles');
  });

  it('keeps covering the same words while someone types before them and inside other paragraphs', () => {
    const server = draftDoc();
    const browser = replicaOf(server);
    const anchor = anchorOf(browser, 'open formats');
    const editor = replicaOf(server);
    firstParagraphText(editor).insert(0, 'Since 2027, ');
    (editor.getXmlFragment(DOC_FRAGMENT).get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Draft: ')]);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(editor));
    expect(resolvedText(server, anchor)).toBe('open formats');
  });

  it('collapses when the covered words are deleted, and reports a deleted paragraph as gone', () => {
    const doc = draftDoc();
    const anchor = anchorOf(doc, 'open formats');
    const paragraphText = firstParagraphText(doc);
    const at = new DocumentText(doc).text.indexOf('open formats') - 'Open Data Policy\n'.length;
    paragraphText.delete(at, 'open formats'.length);
    expect(resolvedText(doc, anchor)).toBe('');

    const listAnchor = anchorOf(doc, 'Timely and complete');
    const list = doc.getXmlFragment(DOC_FRAGMENT).get(3) as Y.XmlElement;
    list.delete(1, 1);
    expect(resolvedText(doc, listAnchor)).toBe('gone');
  });

  it('refuses positions of another document, garbage, other root types and reversed ranges', () => {
    const doc = draftDoc();
    const otherDraft = draftDoc();
    const foreign = anchorOf(otherDraft, 'open formats');
    expect(resolvedText(doc, foreign)).toBe('invalid');
    expect(resolvedText(doc, { start: 'AAAA', end: 'AAAA' })).toBe('invalid');
    expect(resolvedText(doc, { start: '////', end: '////' })).toBe('invalid');
    const otherRoot = toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(new Y.Doc().getText('secrets'), 0)));
    expect(resolvedText(doc, { start: otherRoot, end: otherRoot })).toBe('invalid');
    expect(doc.share.has('secrets')).toBe(false);
    const { start, end } = anchorOf(doc, 'open formats');
    expect(resolvedText(doc, { start: end, end: start })).toBe('reversed');
  });

  it('spans paragraphs, but only a range inside one paragraph can be replaced', () => {
    const doc = draftDoc();
    const text = new DocumentText(doc);
    const from = anchorOf(doc, 'Open by default');
    const to = anchorOf(doc, 'Timely');
    const across = text.resolve({ start: from.start, end: to.end });
    expect(across.ok && across.range.text).toBe('Open by default\nTimely');
    expect(across.ok && across.range.xmlText).toBeNull();
  });

  it('replaces words keeping the formatting of the first one', () => {
    const doc = draftDoc();
    const anchor = anchorOf(doc, 'by default');
    const result = new DocumentText(doc).resolve(anchor);
    if (!result.ok || !result.range.xmlText) throw new Error('expected a range in one paragraph');
    const { xmlText, textFrom, textTo } = result.range;
    doc.transact(() => replaceInText(xmlText, textFrom, textTo, 'as a rule'));
    const paragraph = yDocToJson(doc).content?.[1];
    expect(paragraph?.content?.[1]).toEqual({ type: 'text', marks: [{ type: 'bold' }], text: 'as a rule' });
    expect(new DocumentText(doc).text).toContain('publishes data as a rule, in open formats');
  });

  it('gives each heading a section id that survives edits above it, matching the outline index', () => {
    const doc = draftDoc();
    const ids = headingSectionIds(doc);
    expect([...ids.keys()]).toEqual(outlineOf(yDocToJson(doc)).map((entry) => entry.index));
    const principles = ids.get(2);
    const fragment = doc.getXmlFragment(DOC_FRAGMENT);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('A new opening paragraph')]);
    fragment.insert(0, [paragraph]);
    expect(headingSectionIds(doc).get(3)).toBe(principles);
    const anchor = anchorInText(firstParagraphText(doc), 0, 3);
    expect(resolvedText(doc, anchor)).toBe('Ope');
  });
});
