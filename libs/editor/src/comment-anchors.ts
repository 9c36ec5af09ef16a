// Comment anchors: ranges of a draft's text held as Yjs relative positions, so they follow concurrent edits without
// any mark written into the document. The browser makes them from its selection, the API resolves them against the
// live document; both use these helpers, so both read the same text and sections.
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { DOC_FRAGMENT } from './extensions';

interface EncodedAnchor {
  start: string;
  end: string;
}

/** Where a relative position lands now: a type of the document and an index in it. */
type AnyType = Y.AbsolutePosition['type'];
interface Landing {
  type: AnyType;
  index: number;
}

interface ResolvedRange {
  /** Offsets in `DocumentText.text`; from <= to. */
  from: number;
  to: number;
  text: string;
  /** Set when both ends sit in the same paragraph text: what a suggestion can replace. */
  xmlText: Y.XmlText | null;
  /** Indexes in `xmlText` when it is set. */
  textFrom: number;
  textTo: number;
}

type AnchorResolution =
  | { ok: true; range: ResolvedRange }
  /** invalid: not a relative position of this document's text (another draft, garbage). gone: its text was deleted. */
  | { ok: false; reason: 'invalid' | 'gone' | 'reversed' };

interface Section {
  /** `client:clock` of the heading's Yjs item: stable while text is added before it. */
  sectionId: string;
  heading: string;
  offset: number;
}

/** Stable id of a heading element, as threads report it and the outline can compute it. */
export function sectionIdOf(heading: Y.XmlElement): string | null {
  const item = heading._item;
  return item ? `${item.id.client}:${item.id.clock}` : null;
}

/** Section ids of the top-level headings by their index among the top-level blocks (the outline's `index`). */
export function headingSectionIds(doc: Y.Doc): Map<number, string> {
  const ids = new Map<number, string>();
  doc
    .getXmlFragment(DOC_FRAGMENT)
    .toArray()
    .forEach((block, index) => {
      if (block instanceof Y.XmlElement && block.nodeName === 'heading') {
        const id = sectionIdOf(block);
        if (id) ids.set(index, id);
      }
    });
  return ids;
}

function textOfXmlText(node: Y.XmlText): string {
  // Embeds count as one position in Yjs; an object replacement character keeps offsets aligned.
  return (node.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '\uFFFC')).join('');
}

/**
 * The draft's text flattened once (blocks separated by a line break), with where each Yjs type starts and ends,
 * so any number of anchors resolve against it without walking the document again.
 */
export class DocumentText {
  readonly text: string;
  readonly sections: Section[] = [];
  private readonly starts = new Map<object, number>();
  private readonly ends = new Map<object, number>();
  private readonly fragment: Y.XmlFragment;

  constructor(private readonly doc: Y.Doc) {
    this.fragment = doc.getXmlFragment(DOC_FRAGMENT);
    const parts: string[] = [];
    let length = 0;
    let endsWithBreak = true;
    const walk = (parent: Y.XmlFragment | Y.XmlElement, topLevel: boolean) => {
      for (const child of parent.toArray()) {
        if (child instanceof Y.XmlText) {
          const text = textOfXmlText(child);
          this.starts.set(child, length);
          parts.push(text);
          length += text.length;
          if (text.length) endsWithBreak = text.endsWith('\n');
          this.ends.set(child, length);
        } else if (child instanceof Y.XmlElement) {
          if (!endsWithBreak) {
            parts.push('\n');
            length += 1;
            endsWithBreak = true;
          }
          this.starts.set(child, length);
          const sectionStart = length;
          const firstPart = parts.length;
          walk(child, false);
          this.ends.set(child, length);
          if (topLevel && child.nodeName === 'heading') {
            const id = sectionIdOf(child);
            const heading = parts.slice(firstPart).join('').replace(/\s+/g, ' ').trim();
            if (id) this.sections.push({ sectionId: id, heading, offset: sectionStart });
          }
        }
      }
    };
    walk(this.fragment, true);
    this.text = parts.join('');
    this.starts.set(this.fragment, 0);
    this.ends.set(this.fragment, this.text.length);
  }

  /** The section (nearest top-level heading before it) an offset falls in; null before the first heading. */
  sectionAt(offset: number): Section | null {
    let found: Section | null = null;
    for (const section of this.sections) {
      if (section.offset > offset) break;
      found = section;
    }
    return found;
  }

  /** Resolves an encoded anchor; never throws on bad input. */
  resolve(anchor: EncodedAnchor): AnchorResolution {
    const start = this.land(anchor.start);
    const end = this.land(anchor.end);
    if (start === 'invalid' || end === 'invalid') return { ok: false, reason: 'invalid' };
    if (start === 'gone' || end === 'gone') return { ok: false, reason: 'gone' };
    const from = this.offsetOf(start);
    const to = this.offsetOf(end);
    if (from === null || to === null) return { ok: false, reason: 'gone' };
    if (from > to) return { ok: false, reason: 'reversed' };
    const sameText = start.type === end.type && start.type instanceof Y.XmlText ? start.type : null;
    return {
      ok: true,
      range: {
        from,
        to,
        text: this.text.slice(from, to),
        xmlText: sameText,
        textFrom: sameText ? start.index : 0,
        textTo: sameText ? end.index : 0,
      },
    };
  }

  private land(encoded: string): Landing | 'invalid' | 'gone' {
    let position: Y.RelativePosition;
    try {
      position = Y.decodeRelativePosition(fromBase64(encoded));
    } catch {
      return 'invalid';
    }
    // Resolving a root name would create that root type in the document: only the draft's fragment is an answer.
    if (position.tname !== null && position.tname !== DOC_FRAGMENT) return 'invalid';
    if (position.item === null && position.type === null && position.tname === null) return 'invalid';
    let absolute: Y.AbsolutePosition | null;
    try {
      absolute = Y.createAbsolutePositionFromRelativePosition(position, this.doc);
    } catch {
      return 'invalid';
    }
    if (!absolute) {
      // An id this document has seen whose content was deleted and garbage-collected is gone; any other id was never
      // part of this document (another draft's text, or made up).
      const id = position.item ?? position.type;
      return id && Y.getState(this.doc.store, id.client) > id.clock ? 'gone' : 'invalid';
    }
    let root: AnyType = absolute.type;
    let removed = false;
    while (root._item) {
      if (root._item.deleted) removed = true;
      root = root._item.parent as AnyType;
    }
    if ((root as object) !== this.fragment) return 'invalid';
    return removed ? 'gone' : { type: absolute.type, index: absolute.index };
  }

  private offsetOf(landing: Landing): number | null {
    const { type, index } = landing;
    if (type instanceof Y.XmlText) {
      const start = this.starts.get(type);
      const end = this.ends.get(type);
      return start === undefined || end === undefined ? null : Math.min(start + index, end);
    }
    if (type instanceof Y.XmlElement || type instanceof Y.XmlFragment) {
      // A position before a child starts where that child does; one after the last child, where the element ends.
      const child = type.toArray()[index];
      if (child !== undefined) return this.starts.get(child) ?? null;
      return this.ends.get(type) ?? null;
    }
    return null;
  }
}

/** Encodes a range of one paragraph's text as an anchor (start sticks right, end sticks left). */
export function anchorInText(text: Y.XmlText, from: number, to: number): EncodedAnchor {
  return {
    start: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, from, 0))),
    end: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, to, -1))),
  };
}

/** The first occurrence of some words in the draft's paragraph texts, as an anchor; null when absent. */
export function anchorForWords(doc: Y.Doc, words: string): EncodedAnchor | null {
  const found = findInTexts(doc.getXmlFragment(DOC_FRAGMENT), words);
  return found ? anchorInText(found.text, found.index, found.index + words.length) : null;
}

function findInTexts(parent: Y.XmlFragment | Y.XmlElement, words: string): { text: Y.XmlText; index: number } | null {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      const index = textOfXmlText(child).indexOf(words);
      if (index >= 0) return { text: child, index };
    } else if (child instanceof Y.XmlElement) {
      const found = findInTexts(child, words);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Replaces part of one paragraph's text, keeping the formatting of its first character for the new text
 * (bold words stay bold). Call inside a transaction.
 */
export function replaceInText(text: Y.XmlText, from: number, to: number, replacement: string): void {
  const attributes = formattingAt(text, from);
  if (to > from) text.delete(from, to - from);
  if (replacement) text.insert(from, replacement, attributes);
}

function formattingAt(text: Y.XmlText, index: number): Record<string, unknown> {
  let offset = 0;
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1;
    if (index < offset + length) return op.attributes ?? {};
    offset += length;
  }
  return {};
}
