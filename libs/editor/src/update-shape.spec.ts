import type { JSONContent } from '@tiptap/core';
import { setBlockType, splitBlock, toggleMark, wrapIn, joinBackward } from '@tiptap/pm/commands';
import { liftListItem, sinkListItem, splitListItem, wrapInList } from '@tiptap/pm/schema-list';
import { TextSelection } from '@tiptap/pm/state';
import {
  addColumnAfter,
  addRowAfter,
  CellSelection,
  deleteColumn,
  deleteRow,
  deleteTable,
  mergeCells,
  setCellAttr,
  splitCell,
  toggleHeaderRow,
} from '@tiptap/pm/tables';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { DOC_FRAGMENT, editorSchema } from './extensions';
import { cell, doc, heading, headerCell, link, listItem, openDataDraft, paragraph, text } from './testing/documents';
import { cellPosition, textPosition, YEditor } from './testing/y-editor';
import { checkUpdateShape, type DecodedUpdate } from './update-shape';
import { jsonToYUpdate } from './yjs-conversion';

const nodes = editorSchema.nodes;
const marks = editorSchema.marks;

/** The node or mark type of that name: one the schema does not have fails the test here, not inside a command. */
function named<T>(types: { readonly [name: string]: T }, name: string): T {
  const type = types[name];
  if (type === undefined) throw new Error(`The schema has no ${name}`);
  return type;
}

/** A draft with every node and mark of the schema, and every attribute a node has. */
const everyPart: JSONContent = doc(
  heading(1, 'Open Data Policy'),
  heading(2, 'Purpose'),
  heading(3, 'Scope'),
  paragraph(
    text('Plain, '),
    text('bold', [{ type: 'bold' }]),
    text(', '),
    text('italic', [{ type: 'italic' }]),
    text(', '),
    text('struck', [{ type: 'strike' }]),
    text(', '),
    text('code', [{ type: 'code' }]),
    text(', '),
    text('a link', [link('https://data.example.org')]),
    text(' and '),
    text('all at once', [{ type: 'bold' }, { type: 'italic' }, { type: 'strike' }, link('https://example.org/all')]),
    { type: 'hardBreak' },
    text('After a break.'),
  ),
  { type: 'blockquote', content: [paragraph(text('Quoted words.'))] },
  { type: 'horizontalRule' },
  {
    type: 'bulletList',
    content: [
      listItem(paragraph(text('First point')), {
        type: 'bulletList',
        content: [listItem(paragraph(text('Nested point')))],
      }),
      listItem(paragraph(text('Second point'))),
    ],
  },
  {
    type: 'orderedList',
    attrs: { start: 3, type: null },
    content: [listItem(paragraph(text('Third step'))), listItem(paragraph(text('Fourth step')))],
  },
  {
    type: 'table',
    content: [
      { type: 'tableRow', content: [headerCell('Phase'), headerCell('Deadline'), headerCell('Owner')] },
      {
        type: 'tableRow',
        content: [
          {
            type: 'tableCell',
            attrs: { colspan: 2, rowspan: 1, colwidth: [120, 80], align: 'center' },
            content: [paragraph(text('Inventory'))],
          },
          cell('Data office'),
        ],
      },
      { type: 'tableRow', content: [cell('Publish'), cell('Q2 2027'), cell('Departments')] },
    ],
  },
);

function partsOf(json: JSONContent, found = { nodes: new Set<string>(), marks: new Set<string>(), attrs: new Set<string>() }) {
  if (json.type) found.nodes.add(json.type);
  for (const key of Object.keys(json.attrs ?? {})) found.attrs.add(`${json.type}.${key}`);
  for (const mark of json.marks ?? []) found.marks.add(mark.type);
  for (const child of json.content ?? []) partsOf(child, found);
  return found;
}

function docWith(update: Uint8Array): Y.Doc {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, update);
  return ydoc;
}

/**
 * The collaboration server's side: checks every update a client emits, as it will (decoded once, against the live
 * document), and also without the document and from raw bytes, then applies it.
 */
class CheckingServer {
  readonly doc: Y.Doc;
  readonly refusals: string[] = [];
  received = 0;

  constructor(initial?: Uint8Array) {
    this.doc = initial ? docWith(initial) : new Y.Doc();
  }

  /** A client's copy of the document, whose every update this server receives. */
  client(): Y.Doc {
    const client = docWith(Y.encodeStateAsUpdate(this.doc));
    client.on('update', (update: Uint8Array) => this.receive(update));
    return client;
  }

  receive(update: Uint8Array): void {
    this.received += 1;
    const decoded = Y.decodeUpdate(update);
    for (const result of [checkUpdateShape(decoded, this.doc), checkUpdateShape(decoded), checkUpdateShape(update)]) {
      if (!result.ok) this.refusals.push(result.reason);
    }
    Y.applyUpdate(this.doc, update);
  }
}

const draftUpdate = jsonToYUpdate(openDataDraft);

/** The update a client's edit of the open data draft sends, as the server receives it, and the server's document. */
function edit(change: (client: Y.Doc) => void, initial: Uint8Array = draftUpdate): { decoded: DecodedUpdate; server: Y.Doc } {
  const server = docWith(initial);
  const client = docWith(initial);
  client.transact(() => change(client));
  return { decoded: Y.decodeUpdate(Y.encodeStateAsUpdate(client, Y.encodeStateVector(server))), server };
}

/** Why the server refuses the edit, checking against its live document; null when it accepts it. */
function refusal(change: (client: Y.Doc) => void, initial?: Uint8Array): string | null {
  const { decoded, server } = edit(change, initial);
  const result = checkUpdateShape(decoded, server);
  return result.ok ? null : result.reason;
}

/** Why the edit is refused when checked without the live document; null when accepted. */
function refusalWithoutDoc(change: (client: Y.Doc) => void): string | null {
  const result = checkUpdateShape(edit(change).decoded);
  return result.ok ? null : result.reason;
}

const fragmentOf = (ydoc: Y.Doc) => ydoc.getXmlFragment(DOC_FRAGMENT);
/** The open data draft's first paragraph (after its title), and its text. */
const firstParagraph = (ydoc: Y.Doc) => fragmentOf(ydoc).get(1) as Y.XmlElement;
const firstText = (ydoc: Y.Doc) => firstParagraph(ydoc).get(0) as Y.XmlText;
const title = (ydoc: Y.Doc) => fragmentOf(ydoc).get(0) as Y.XmlElement;

/** The id of the item that holds a nested type. */
function idOf(type: { _item: Y.Item | null }): Y.ID {
  if (!type._item) throw new Error('a root type has no item');
  return type._item.id;
}

/** A decoded update made of the given structs, as a forged update decodes. */
function forged(...structs: DecodedUpdate['structs']): DecodedUpdate {
  return { structs, ds: Y.createDeleteSet() };
}

function forgedItem(id: Y.ID, place: { origin?: Y.ID; parent?: string | Y.ID; parentSub?: string }, content: object): Y.Item {
  return new Y.Item(id, null, place.origin ?? null, null, null, (place.parent ?? null) as never, place.parentSub ?? null, content as never);
}

describe('checkUpdateShape: what the editor writes', () => {
  it('has a test draft with every node, mark and node attribute of the schema', () => {
    const found = partsOf(everyPart);
    expect([...found.nodes].sort()).toEqual(Object.keys(nodes).sort());
    expect([...found.marks].sort()).toEqual(Object.keys(marks).sort());
    const attributes = Object.values(nodes).flatMap((type) => Object.keys(type.spec.attrs ?? {}).map((key) => `${type.name}.${key}`));
    expect([...found.attrs].filter((a) => !a.startsWith('link.')).sort()).toEqual(attributes.sort());
  });

  it('accepts a draft seeded by the JSON to Yjs conversion, checked alone or against an empty document', () => {
    const update = jsonToYUpdate(everyPart);
    expect(checkUpdateShape(Y.decodeUpdate(update))).toEqual({ ok: true });
    expect(checkUpdateShape(Y.decodeUpdate(update), new Y.Doc())).toEqual({ ok: true });
    expect(checkUpdateShape(update)).toEqual({ ok: true });
  });

  it('accepts an empty update and the empty answer of a read-only client', () => {
    expect(checkUpdateShape(Y.encodeStateAsUpdate(new Y.Doc()))).toEqual({ ok: true });
    expect(checkUpdateShape(Y.decodeUpdate(Y.encodeStateAsUpdate(new Y.Doc())), docWith(draftUpdate))).toEqual({
      ok: true,
    });
  });

  it('accepts every update of an editing session in the browser’s binding, from an empty draft', () => {
    const server = new CheckingServer();
    const editor = new YEditor(server.client());

    editor.change((tr) => tr.insertText('Hello'));
    editor.setContent(everyPart);
    // Typing, one keystroke per update, in a heading, a marked run and a table cell.
    for (const [after, typed] of [
      ['Purpose', ' of the policy'],
      ['bold', 'er'],
      ['Inventory', ' of datasets'],
    ] as const) {
      for (const character of typed) {
        editor.change((tr, pm) => tr.insertText(character, textPosition(pm, after) + after.length));
      }
    }
    // Formatting: on, off, a link, overlapping marks.
    editor
      .selectText('Plain')
      .run(toggleMark(named(marks, 'bold')))
      .run(toggleMark(named(marks, 'italic')));
    editor.run(toggleMark(named(marks, 'bold')));
    editor.selectText('After a break').run(toggleMark(named(marks, 'link'), { href: 'https://example.org/after' }));
    editor.selectText('italic').run(toggleMark(named(marks, 'strike')));
    editor.selectText('struck').run(toggleMark(named(marks, 'strike')));
    editor.selectText('Quoted').run(toggleMark(named(marks, 'code')));
    // Deleting: across marks, a hard break.
    editor.change((tr, pm) => tr.delete(textPosition(pm, 'bold'), textPosition(pm, 'italic') + 3));
    editor.change((tr, pm) => tr.delete(textPosition(pm, 'After a break') - 1, textPosition(pm, 'After a break')));
    // Blocks: split, join, heading levels, a quote, inserted break and rule.
    editor.select((pm) => TextSelection.create(pm, textPosition(pm, 'Quoted') + 3)).run(splitBlock);
    editor.select((pm) => TextSelection.create(pm, pm.resolve(textPosition(pm, ' words.')).start())).run(joinBackward);
    editor.selectText('Scope').run(setBlockType(named(nodes, 'heading'), { level: 2 }));
    editor.selectText('Scope').run(setBlockType(named(nodes, 'paragraph')));
    editor.selectText('Scope').run(wrapIn(named(nodes, 'blockquote')));
    editor.change((tr, pm) => tr.insert(textPosition(pm, 'Plain'), named(nodes, 'hardBreak').create()));
    editor.change((tr, pm) => tr.insert(textPosition(pm, 'Open Data Policy') - 1, named(nodes, 'horizontalRule').create()));
    // Lists: a new item, nesting and un-nesting, a paragraph made a list, a new start number.
    editor
      .select((pm) => TextSelection.create(pm, textPosition(pm, 'Second point') + 'Second point'.length))
      .run(splitListItem(named(nodes, 'listItem')));
    editor.change((tr) => tr.insertText('Third point'));
    editor.run(sinkListItem(named(nodes, 'listItem')));
    editor.run(liftListItem(named(nodes, 'listItem')));
    editor.selectText('Plain').run(wrapInList(named(nodes, 'orderedList')));
    editor.change((tr, pm) => {
      let list = -1;
      pm.descendants((node, pos) => {
        if (list < 0 && node.type.name === 'orderedList' && node.attrs['start'] === 3) list = pos;
        return list < 0;
      });
      return tr.setNodeMarkup(list, undefined, { start: 7, type: null });
    });
    // Tables: columns, rows, cell attributes, merging and splitting, a header row, deleting a row and a column.
    editor
      .select((pm) => TextSelection.create(pm, textPosition(pm, 'Owner')))
      .run(addColumnAfter)
      .run(addRowAfter);
    editor.select((pm) => TextSelection.create(pm, textPosition(pm, 'Publish'))).run(setCellAttr('align', 'right'));
    editor.run(setCellAttr('colwidth', [200]));
    editor.select((pm) => CellSelection.create(pm, cellPosition(pm, 'Publish'), cellPosition(pm, 'Q2 2027'))).run(mergeCells);
    editor.select((pm) => TextSelection.create(pm, textPosition(pm, 'Publish'))).run(splitCell);
    editor.run(toggleHeaderRow).run(toggleHeaderRow);
    editor.select((pm) => TextSelection.create(pm, textPosition(pm, 'Data office'))).run(deleteRow);
    editor.select((pm) => TextSelection.create(pm, textPosition(pm, 'Deadline'))).run(deleteColumn);
    editor.select((pm) => TextSelection.create(pm, textPosition(pm, 'Phase'))).run(deleteTable);

    expect(server.refusals).toEqual([]);
    expect(server.received).toBeGreaterThan(60);
    expect(fragmentOf(server.doc).toString()).toBe(editor.fragment.toString());
  });

  it('accepts the updates of an editor joining a seeded draft, and of Yjs undoing and redoing its edits', () => {
    const server = new CheckingServer(jsonToYUpdate(everyPart));
    const editor = new YEditor(server.client());
    const undo = new Y.UndoManager(editor.fragment, { trackedOrigins: new Set([ySyncPluginKey]), captureTimeout: 0 });

    editor.change((tr, pm) => tr.insertText(' now', textPosition(pm, 'Open Data Policy') + 'Open Data Policy'.length));
    editor.selectText('Plain').run(toggleMark(named(marks, 'strike')));
    editor.selectText('Purpose').run(setBlockType(named(nodes, 'heading'), { level: 3 }));
    editor
      .select((pm) => TextSelection.create(pm, textPosition(pm, 'Owner')))
      .run(addColumnAfter)
      .run(setCellAttr('colwidth', [90]));
    editor.change((tr, pm) => tr.delete(textPosition(pm, 'First point') - 3, textPosition(pm, 'Fourth step') + 12));
    while (undo.canUndo()) undo.undo();
    while (undo.canRedo()) undo.redo();

    expect(server.refusals).toEqual([]);
    expect(server.received).toBeGreaterThan(8);
    expect(fragmentOf(server.doc).toString()).toBe(editor.fragment.toString());
  });

  it('accepts a heading level changed on its own, with or without the live document', () => {
    expect(refusal((client) => title(client).setAttribute('level', 2 as never))).toBeNull();
    expect(refusalWithoutDoc((client) => title(client).setAttribute('level', 2 as never))).toBeNull();
  });

  it('accepts the state of a client that deleted content and collected it before sending', () => {
    const client = docWith(draftUpdate);
    fragmentOf(client).delete(3, 2);
    const update = Y.encodeStateAsUpdate(client);
    expect(Y.decodeUpdate(update).structs.some((struct) => struct instanceof Y.GC)).toBe(true);
    expect(checkUpdateShape(update)).toEqual({ ok: true });
    expect(checkUpdateShape(Y.decodeUpdate(update), new Y.Doc())).toEqual({ ok: true });
  });
});

describe('checkUpdateShape: what it refuses', () => {
  it('refuses a new root map, array, text or second fragment', () => {
    expect(refusal((client) => client.getMap('evil').set('x', 1))).toMatch(/root type "evil"/);
    expect(refusal((client) => client.getArray('evil').push([1]))).toMatch(/root type "evil"/);
    expect(refusal((client) => client.getText('evil').insert(0, 'x'))).toMatch(/root type "evil"/);
    expect(refusal((client) => client.getXmlFragment('notes').insert(0, [new Y.XmlElement('paragraph')]))).toMatch(/root type "notes"/);
    expect(refusalWithoutDoc((client) => client.getMap('evil').set('x', 1))).toMatch(/root type "evil"/);
  });

  it('refuses a map entry on the draft’s fragment', () => {
    const other = new Y.Doc();
    other.getMap(DOC_FRAGMENT).set('x', 1);
    const update = Y.encodeStateAsUpdate(other);
    expect(checkUpdateShape(Y.decodeUpdate(update), docWith(draftUpdate))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/entry "x" on the draft's fragment/),
    });
    expect(checkUpdateShape(update)).toMatchObject({ ok: false });
  });

  it('refuses an element the schema does not have, at the top or nested', () => {
    expect(refusal((client) => fragmentOf(client).insert(1, [new Y.XmlElement('script')]))).toMatch(/element <script>/);
    expect(refusal((client) => firstParagraph(client).insert(1, [new Y.XmlElement('iframe')]))).toMatch(/element <iframe>/);
    expect(refusalWithoutDoc((client) => firstParagraph(client).insert(1, [new Y.XmlElement('iframe')]))).toMatch(/element <iframe>/);
    // The top node and text are never elements: the fragment is the document, text is a Y.XmlText.
    expect(refusal((client) => fragmentOf(client).insert(1, [new Y.XmlElement('doc')]))).toMatch(/element <doc>/);
    expect(refusal((client) => fragmentOf(client).insert(1, [new Y.XmlElement('text')]))).toMatch(/element <text>/);
  });

  it('refuses formatting that is not a mark, on new or existing text', () => {
    expect(refusal((client) => firstText(client).format(0, 4, { onclick: 'alert(1)' }))).toMatch(/formatting "onclick"/);
    expect(refusal((client) => firstText(client).insert(0, 'Hi', { style: 'color: red' }))).toMatch(/formatting "style"/);
    // y-tiptap writes a hashed name only for a mark that may overlap itself; none of ours does.
    expect(refusal((client) => firstText(client).format(0, 4, { 'bold--AAAAAAAA': {} }))).toMatch(/formatting "bold--AAAAAAAA"/);
    expect(refusalWithoutDoc((client) => firstText(client).format(0, 4, { onclick: 'alert(1)' }))).toMatch(/formatting "onclick"/);
  });

  it('refuses a Y.Text, Y.Map, Y.Array, Y.XmlHook or Y.XmlFragment inside the draft', () => {
    for (const type of [new Y.Text('x'), new Y.Map(), new Y.Array(), new Y.XmlHook('hook'), new Y.XmlFragment()]) {
      expect(refusal((client) => firstParagraph(client).insert(0, [type as never]))).toMatch(/ inside the draft/);
    }
    expect(refusal((client) => fragmentOf(client).insert(0, [new Y.Text('x') as never]))).toMatch(/YText inside the draft/);
  });

  it('refuses a subdocument, binary content, an embed and JSON content', () => {
    expect(refusal((client) => fragmentOf(client).insert(1, [new Y.Doc() as never]))).toMatch(/subdocument/);
    expect(refusal((client) => fragmentOf(client).insert(1, [new Uint8Array([1, 2]) as never]))).toMatch(/binary content/);
    expect(refusal((client) => firstText(client).insertEmbed(0, { image: 'https://example.org/x.png' }))).toMatch(/an embed/);
    const json = forged(forgedItem(Y.createID(9, 0), { parent: DOC_FRAGMENT }, new Y.ContentJSON(['x'])));
    expect(checkUpdateShape(json)).toMatchObject({ ok: false, reason: expect.stringMatching(/JSON content/) });
  });

  it('refuses an attribute its element’s node does not have', () => {
    expect(refusal((client) => firstParagraph(client).setAttribute('style', 'display: none'))).toMatch(
      /attribute "style" that <paragraph>/,
    );
    expect(refusal((client) => firstParagraph(client).setAttribute('level', 2 as never))).toMatch(/attribute "level" that <paragraph>/);
    const added = (client: Y.Doc) => {
      const element = new Y.XmlElement('heading');
      element.setAttribute('onclick', 'alert(1)');
      fragmentOf(client).insert(1, [element]);
    };
    expect(refusal(added)).toMatch(/attribute "onclick" that <heading>/);
    expect(refusalWithoutDoc(added)).toMatch(/attribute "onclick" that <heading>/);
    // Another value for an attribute already set carries no name: the live document says which it is.
    expect(refusal((client) => title(client).setAttribute('level', new Y.Map() as never))).toMatch(/YMap inside the draft/);
  });

  it('refuses content in a place the editor never puts it', () => {
    expect(refusal((client) => fragmentOf(client).insert(1, [new Y.XmlText('loose')]))).toMatch(/a text directly in the draft's fragment/);
    expect(refusal((client) => fragmentOf(client).insert(1, [42 as never]))).toMatch(/a value directly in the draft's fragment/);
    expect(refusal((client) => firstText(client).insertEmbed(0, new Y.XmlElement('paragraph')))).toMatch(/<paragraph> inside a text/);
    expect(refusal((client) => firstText(client).setAttribute('x', 'y'))).toMatch(/attribute "x" on a text/);
    // In an empty fragment the value names its parent: no live document needed.
    const empty = new Y.Doc();
    fragmentOf(empty).insert(0, [7 as never]);
    expect(checkUpdateShape(Y.encodeStateAsUpdate(empty))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/a value directly in the draft's fragment/),
    });
  });

  it('refuses text placed straight into an element or the fragment, next to existing content', () => {
    const server = docWith(draftUpdate);
    const paragraphId = idOf(firstParagraph(server));
    const besideParagraph = forged(forgedItem(Y.createID(77, 0), { origin: paragraphId }, new Y.ContentString('x')));
    const inParagraph = forged(forgedItem(Y.createID(77, 0), { parent: paragraphId }, new Y.ContentString('x')));
    expect(checkUpdateShape(besideParagraph, server)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/text directly in the draft's fragment/),
    });
    expect(checkUpdateShape(inParagraph, server)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/text directly in <paragraph>/),
    });
    // Alone, the update does not say where its neighbour is: only the live document does.
    expect(checkUpdateShape(besideParagraph)).toEqual({ ok: true });
  });

  it('places an item by the live document’s content, not by a copy the update claims for it', () => {
    const server = docWith(draftUpdate);
    const paragraphId = idOf(firstParagraph(server));
    const textId = idOf(firstText(server));
    // The update claims the paragraph's id for text inside a Y.XmlText, and puts text next to it.
    const lie = forgedItem(paragraphId, { parent: textId }, new Y.ContentString('z'));
    const text = forgedItem(Y.createID(77, 0), { origin: paragraphId }, new Y.ContentString('x'));
    expect(checkUpdateShape(forged(lie, text), server)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/text directly in the draft's fragment/),
    });
  });

  it('refuses an edit inside a root type the live document already holds', () => {
    const legacy = new Y.Doc();
    Y.applyUpdate(legacy, draftUpdate);
    legacy.getArray('legacy').push([1]);
    const initial = Y.encodeStateAsUpdate(legacy);
    expect(refusal((client) => client.getArray('legacy').push([2]), initial)).toMatch(/not part of the draft/);
  });

  it('refuses a Skip struct, items placed in a cycle and bytes that are not an update', () => {
    expect(checkUpdateShape(forged(new Y.Skip(Y.createID(3, 0), 4)))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Skip/),
    });
    const a = forgedItem(Y.createID(5, 0), { origin: Y.createID(6, 0) }, new Y.ContentString('a'));
    const b = forgedItem(Y.createID(6, 0), { origin: Y.createID(5, 0) }, new Y.ContentString('b'));
    expect(checkUpdateShape(forged(a, b))).toMatchObject({ ok: false, reason: expect.stringMatching(/cycle/) });
    expect(checkUpdateShape(new Uint8Array([1, 2, 3, 200]))).toEqual({ ok: false, reason: 'not a Yjs update' });
  });

  it('says which item it refuses, with client-given names shortened and escaped', () => {
    const result = checkUpdateShape(edit((client) => client.getMap(`evil"\n${'x'.repeat(100)}`).set('x', 1)).decoded);
    expect(result.ok).toBe(false);
    const reason = (result as { reason: string }).reason;
    expect(reason).toMatch(/^a root type "evil\\"\\nx+…" besides the draft's "default" \(item \d+:0\)$/);
    expect(reason.length).toBeLessThan(120);
  });
});
