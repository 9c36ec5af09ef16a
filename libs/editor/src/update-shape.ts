// Whether a Yjs update writes only what the draft editor writes, so the collaboration server can refuse the rest before
// applying it: no root type besides the draft's fragment, no element, formatting or attribute the schema does not have,
// nothing a reader of the draft would choke on (issue 14, finding 10). It runs on every keystroke's update.
// Named imports: compiled to CommonJS, each `Y.Item` of a namespace import is a getter call, which was most of this
// check's time.
import {
  ContentAny,
  ContentBinary,
  ContentDeleted,
  ContentDoc,
  ContentEmbed,
  ContentFormat,
  ContentJSON,
  ContentString,
  ContentType,
  decodeUpdate,
  GC,
  getItem,
  getState,
  Item,
  Skip,
  XmlElement,
  XmlText,
  type AbstractType,
  type Doc,
  type ID,
} from 'yjs';
import { DOC_FRAGMENT, editorSchema } from './extensions';

/** What `Y.decodeUpdate` returns: the server decodes every update once and hands that here. */
export type DecodedUpdate = ReturnType<typeof decodeUpdate>;

type UpdateShape = { ok: true } | { ok: false; reason: string };

const OK: UpdateShape = Object.freeze({ ok: true });

// The elements y-tiptap (the browser's binding) and y-prosemirror (our conversion) write: one per node of the schema
// but the top node, which the root fragment stands for, and text, which is a Y.XmlText. Each carries as attributes
// only its node's attrs (the bindings write the non-null ones and delete the rest), so the names are checked per node.
const ELEMENT_ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.values(editorSchema.nodes)
    .filter((type) => type !== editorSchema.topNodeType && !type.isText)
    .map((type) => [type.name, new Set(Object.keys(type.spec.attrs ?? {}))]),
);

// Marks are formatting attributes of a Y.XmlText, named after the mark. A mark that may overlap itself (one that does
// not exclude itself, none in today's schema) is written once per instance as `name--<8 characters of hash>`.
const MARKS: ReadonlySet<string> = new Set(Object.keys(editorSchema.marks));
const OVERLAPPING_MARKS: ReadonlySet<string> = new Set(
  Object.values(editorSchema.marks)
    .filter((type) => !type.excludes(type))
    .map((type) => type.name),
);
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

function isMarkKey(key: string): boolean {
  if (MARKS.has(key)) return true;
  const name = HASHED_MARK.exec(key)?.[1];
  return name !== undefined && OVERLAPPING_MARKS.has(name);
}

// Where an item lands: an element of the draft by its node name, or one of these.
type Place = string | number;
/** The draft's fragment. */
const ROOT = 0;
const TEXT = 1;
/** A type no editor writes into: another root, a map, an array. */
const FOREIGN = 2;
/** Its parent or neighbour is in neither the update nor the live document: Yjs holds it back until they come. */
const UNKNOWN = 3;
/** Its parent or neighbour was garbage-collected: Yjs drops the item. */
const DROPPED = 4;
/** Its parent is an item that is not a type, which no Yjs client writes. */
const NOT_A_TYPE = 5;
/** Its neighbours lead back to itself, which no Yjs client writes. */
const CYCLE = 6;
/** Marks an item whose place is being worked out, to find cycles. */
const RESOLVING = 7;

type Struct = DecodedUpdate['structs'][number];

/**
 * Checks an update before it is applied to a draft or meeting-notes document: it may only add what the editor writes.
 *
 * - Items rooted at a top-level type must be in the draft's fragment (`DOC_FRAGMENT`), and not be a map entry on it.
 * - Inside, only elements named after a node of the schema and Y.XmlTexts; in a Y.XmlText only text and formatting
 *   named after a mark; on an element only the attributes of its node. No Y.Map, Y.Array, Y.Text, Y.XmlHook,
 *   Y.XmlFragment, subdocument, embed, binary or JSON content anywhere. Deleted content passes everywhere.
 * - No Skip struct (see below).
 *
 * An item names its parent only when it has no neighbour; the others go next to their left (or right) neighbour,
 * in the update or already in the document. Pass the live `doc` the update is about to be applied to, so that edits
 * next to existing content (typing, formatting, a changed attribute) are placed too: without it, or when a neighbour
 * is in neither, an item gets only the checks that need no place, and text slipped in next to a paragraph, where it
 * makes every reader of the draft throw, passes. So the server should also refuse what Yjs would leave pending, and
 * check an update against the document as it will be when it is applied (after the updates queued before it).
 * Values are not checked: attribute values and mark attributes are the schema's and the exports' business
 * (`safeDocument`).
 *
 * One pass over the structs, each look-up a binary search; it allocates two arrays of the update's length and, only
 * when an item's neighbour is in the update, an index of the update's clients. Accepts raw bytes too, decoding them
 * (a malformed update is refused).
 */
export function checkUpdateShape(update: Uint8Array | DecodedUpdate, doc?: Doc): UpdateShape {
  let decoded: DecodedUpdate;
  if (update instanceof Uint8Array) {
    try {
      decoded = decodeUpdate(update);
    } catch {
      return { ok: false, reason: 'not a Yjs update' };
    }
  } else {
    decoded = update;
  }
  return new ShapeCheck(decoded.structs, doc).run();
}

class ShapeCheck {
  private readonly places: (Place | undefined)[];
  /** The map key of each placed item (null for none); undefined until placed, and for an item in a cycle. */
  private readonly subs: (string | null | undefined)[];
  /** Per client, where its run of structs starts and ends in `structs`; built on the first look-up in the update. */
  private runs: Map<number, { start: number; end: number }> | null = null;

  constructor(
    private readonly structs: Struct[],
    private readonly doc: Doc | undefined,
  ) {
    this.places = new Array(structs.length);
    this.subs = new Array(structs.length);
  }

  run(): UpdateShape {
    for (let i = 0; i < this.structs.length; i++) {
      const struct = this.structs[i];
      if (struct instanceof Item) {
        const reason = this.checkItem(i, struct);
        if (reason !== null) return { ok: false, reason: `${reason} (item ${struct.id.client}:${struct.id.clock})` };
      } else if (struct instanceof Skip) {
        // A Skip marks a gap in an update merged from others (Y.mergeUpdates). An editor sends its own transactions
        // and its state (encodeStateAsUpdate), never a merge; and Yjs holds back as pending whatever follows a gap,
        // content this check cannot place. So none is taken.
        return { ok: false, reason: `a Skip struct, which no editor sends (client ${struct.id.client})` };
      }
      // A GC struct is content deleted and collected before it was sent (a client's state after deleting offline):
      // a range of clocks with nothing in it.
    }
    return OK;
  }

  private checkItem(i: number, item: Item): string | null {
    // A root name creates that root in the document, even for deleted content.
    const parent = item.parent as unknown;
    if (typeof parent === 'string' && parent !== DOC_FRAGMENT) {
      return `a root type ${quote(parent)} besides the draft's ${quote(DOC_FRAGMENT)}`;
    }
    const content = item.content;
    if (content instanceof ContentDeleted) return null;
    const refusal = refuseContent(content);
    if (refusal !== null) return refusal;

    const place = this.placeOf(i);
    if (place === UNKNOWN || place === DROPPED) {
      // Placed later or never: only a value's own parent info says where it goes.
      if (content instanceof ContentAny && parent !== null) return this.checkAttribute(item.parentSub, null);
      return null;
    }
    if (place === FOREIGN) return 'an edit inside a type that is not part of the draft';
    if (place === NOT_A_TYPE) return 'an item whose parent is not a type';
    if (place === CYCLE) return 'items placed next to each other in a cycle';

    const sub = this.subs[i];
    // placeOf stores the key with every place but a cycle's; refuse rather than guess should that ever not hold.
    if (sub === undefined) return 'an item this check could not place';
    if (place === ROOT) {
      if (sub !== null) return `an entry ${quote(sub)} on the draft's fragment`;
      return isElement(content) ? null : `${describe(content)} directly in the draft's fragment`;
    }
    if (place === TEXT) {
      if (sub !== null) return `an attribute ${quote(sub)} on a text`;
      return content instanceof ContentString || content instanceof ContentFormat ? null : `${describe(content)} inside a text`;
    }
    const nodeName = place as string;
    if (!ELEMENT_ATTRIBUTES.has(nodeName)) return `an edit inside ${tag(nodeName)}, which the schema does not have`;
    if (sub !== null) {
      return content instanceof ContentAny ? this.checkAttribute(sub, nodeName) : `${describe(content)} as attribute ${quote(sub)}`;
    }
    // Elements and texts: which types content may hold was checked above.
    return content instanceof ContentType ? null : `${describe(content)} directly in ${tag(nodeName)}`;
  }

  /** An attribute of `nodeName`, or of any node when the element is not known. */
  private checkAttribute(name: string | null, nodeName: string | null): string | null {
    if (name === null) return 'a value in a list';
    if (nodeName !== null) {
      return ELEMENT_ATTRIBUTES.get(nodeName)?.has(name) ? null : `an attribute ${quote(name)} that ${tag(nodeName)} does not have`;
    }
    for (const attributes of ELEMENT_ATTRIBUTES.values()) if (attributes.has(name)) return null;
    return `an attribute ${quote(name)} that no node of the schema has`;
  }

  /**
   * Where item `i` lands, and its map key in `subs`. Yjs places an item without parent info with its left
   * neighbour (`origin`) or, lacking one, its right one, taking their parent and key; so follow neighbours until an item
   * with parent info or one the live document holds. The document is asked first: for an id it already has, Yjs
   * uses its own item and ignores the update's.
   */
  private placeOf(i: number): Place {
    const known = this.places[i];
    if (known !== undefined) return known === RESOLVING ? CYCLE : known;
    let followed: number[] | null = null;
    let j = i;
    let place: Place;
    let sub: string | null | undefined = null;
    for (;;) {
      this.places[j] = RESOLVING;
      const item = this.structs[j] as Item;
      const parent = item.parent as string | ID | null;
      if (parent !== null) {
        place = typeof parent === 'string' ? (parent === DOC_FRAGMENT ? ROOT : FOREIGN) : this.typeAt(parent);
        sub = item.parentSub;
        break;
      }
      const neighbour = item.origin ?? item.rightOrigin;
      if (neighbour === null) {
        place = NOT_A_TYPE;
        break;
      }
      const found = this.inDoc(neighbour);
      if (found !== null) {
        if (found instanceof Item) {
          place = this.placeOfType(found.parent as AbstractType<unknown> | null);
          sub = found.parentSub;
        } else {
          place = DROPPED;
        }
        break;
      }
      const k = this.indexOf(neighbour);
      const next = k < 0 ? null : this.structs[k];
      if (!(next instanceof Item)) {
        place = next instanceof GC ? DROPPED : UNKNOWN;
        break;
      }
      const memo = this.places[k];
      if (memo !== undefined) {
        place = memo === RESOLVING ? CYCLE : memo;
        sub = this.subs[k];
        break;
      }
      (followed ??= []).push(j);
      j = k;
    }
    this.places[j] = place;
    this.subs[j] = sub;
    if (followed !== null) {
      for (const f of followed) {
        this.places[f] = place;
        this.subs[f] = sub;
      }
    }
    return place;
  }

  /** The place inside the type whose item has id `id`: an explicit parent. */
  private typeAt(id: ID): Place {
    const found = this.inDoc(id);
    if (found !== null) {
      if (found instanceof GC || found.content instanceof ContentDeleted) return DROPPED;
      return found.content instanceof ContentType ? this.placeOfType(found.content.type) : NOT_A_TYPE;
    }
    const k = this.indexOf(id);
    const struct = k < 0 ? null : this.structs[k];
    if (!(struct instanceof Item)) return struct instanceof GC ? DROPPED : UNKNOWN;
    if (struct.content instanceof ContentDeleted) return DROPPED;
    if (!(struct.content instanceof ContentType) || struct.id.clock !== id.clock) return NOT_A_TYPE;
    const type = struct.content.type;
    if (type instanceof XmlText) return TEXT;
    return type instanceof XmlElement ? type.nodeName : FOREIGN;
  }

  /** The place inside a type of the live document. */
  private placeOfType(type: AbstractType<unknown> | null): Place {
    if (type === null) return DROPPED;
    if (type._item === null) return type === this.doc?.share.get(DOC_FRAGMENT) ? ROOT : FOREIGN;
    if (type instanceof XmlText) return TEXT;
    return type instanceof XmlElement ? type.nodeName : FOREIGN;
  }

  /** The live document's struct holding `id`, or null when it has none (yet). */
  private inDoc(id: ID): Item | GC | null {
    const doc = this.doc;
    return doc !== undefined && id.clock < getState(doc.store, id.client) ? (getItem(doc.store, id) as Item | GC) : null;
  }

  /** The index of the struct in the update holding clock `id`, or -1. */
  private indexOf(id: ID): number {
    const run = this.clientRuns().get(id.client);
    if (run === undefined) return -1;
    let low = run.start;
    let high = run.end - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const struct = this.structs[mid];
      if (struct === undefined) break; // Never: the run's bounds are indexes of structs.
      if (id.clock < struct.id.clock) high = mid - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
      else return mid;
    }
    return -1;
  }

  // An update lists each client's structs together, by clock. A forged one may list a client twice: Yjs keeps the
  // last list, and so does this.
  private clientRuns(): Map<number, { start: number; end: number }> {
    if (this.runs !== null) return this.runs;
    const runs = new Map<number, { start: number; end: number }>();
    let start = 0;
    for (const [i, struct] of this.structs.entries()) {
      // A run ends at the last struct, or where the next one is another client's.
      if (this.structs[i + 1]?.id.client !== struct.id.client) {
        runs.set(struct.id.client, { start, end: i + 1 });
        start = i + 1;
      }
    }
    this.runs = runs;
    return runs;
  }
}

function isElement(content: unknown): boolean {
  return content instanceof ContentType && content.type instanceof XmlElement;
}

/** The refusal of content no editor writes anywhere, or null. */
function refuseContent(content: unknown): string | null {
  if (content instanceof ContentString || content instanceof ContentAny) return null;
  if (content instanceof ContentFormat) {
    return isMarkKey(content.key) ? null : `formatting ${quote(content.key)} that is not a mark of the schema`;
  }
  if (content instanceof ContentType) {
    const type = content.type;
    if (type instanceof XmlElement) {
      return ELEMENT_ATTRIBUTES.has(type.nodeName) ? null : `an element ${tag(type.nodeName)} the schema does not have`;
    }
    return type instanceof XmlText ? null : `a ${type.constructor.name} inside the draft`;
  }
  if (content instanceof ContentDoc) return 'a subdocument';
  if (content instanceof ContentEmbed) return 'an embed';
  if (content instanceof ContentBinary) return 'binary content';
  if (content instanceof ContentJSON) return 'JSON content';
  return 'content of an unknown kind';
}

function describe(content: unknown): string {
  if (content instanceof ContentType) return content.type instanceof XmlElement ? tag(content.type.nodeName) : 'a text';
  if (content instanceof ContentString) return 'text';
  if (content instanceof ContentFormat) return `formatting ${quote(content.key)}`;
  return 'a value';
}

// Names come from the client: reasons are logged, so they are shortened and escaped.
function shorten(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

function quote(name: string): string {
  return JSON.stringify(shorten(name));
}

function tag(nodeName: string): string {
  return `<${JSON.stringify(shorten(nodeName)).slice(1, -1)}>`;
}
