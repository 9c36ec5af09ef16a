// Test helpers for the collaboration protocol: real SocketIOProvider clients and a raw socket for hand-crafted messages.
import { io, type Socket } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';
import * as Y from 'yjs';
import { COLLAB_EVENTS, COLLAB_NAMESPACE, type CollabError, type JoinResult } from '@minga/contracts';
import { SocketIOProvider } from '@minga/collab';
import { DOC_FRAGMENT } from '@minga/editor';
import type { TestApp } from './test-app';

export function waitFor<T>(what: string, subscribe: (resolve: (value: T) => void) => void, timeoutMs = 5000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    subscribe((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** Polls a condition a bounded number of times. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface Editor {
  doc: Y.Doc;
  provider: SocketIOProvider;
  text: () => string;
  /** Appends a paragraph with this text through the shared XmlFragment, as the editor would. */
  type: (text: string) => void;
  close: () => void;
}

export async function openEditor(url: string, docName: string, token: string): Promise<Editor> {
  const doc = new Y.Doc();
  const provider = new SocketIOProvider(url, docName, doc, { token });
  await waitFor<void>(`sync of ${docName}`, (done) => {
    if (provider.synced) return done();
    provider.on('sync', (synced) => synced && done());
    provider.on('collab-error', (error) => {
      throw new Error(`${error.code}: ${error.message}`);
    });
  });
  const fragment = doc.getXmlFragment(DOC_FRAGMENT);
  return {
    doc,
    provider,
    text: () => fragment.toString(),
    type: (text: string) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      fragment.insert(fragment.length, [paragraph]);
    },
    close: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function allSaved(editor: Editor): Promise<void> {
  return eventually('all changes saved', () => editor.provider.pendingChanges === 0);
}

/** A bare socket on /collab for messages no well-behaved client would send. */
/** A /collab socket without a provider; `headers` as a reverse proxy would add them (X-Forwarded-For). */
export function rawSocket(url: string, token: string | null, headers: Record<string, string> = {}): Socket {
  return io(`${url}${COLLAB_NAMESPACE}`, {
    auth: token ? { token } : {},
    extraHeaders: headers,
    parser: msgpackParser,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

export function join(socket: Socket, docName: unknown): Promise<JoinResult> {
  return waitFor('join acknowledgement', (done) => socket.emit(COLLAB_EVENTS.join, docName, done));
}

export function nextError(socket: Socket): Promise<CollabError> {
  return waitFor('collab error', (done) => socket.once(COLLAB_EVENTS.error, done));
}

export function connected(socket: Socket): Promise<void> {
  return waitFor('connection', (done) => (socket.connected ? done() : socket.once('connect', () => done())));
}

/** A document as stored: its snapshot and every log row, read straight from the database. */
export async function storedDoc(t: TestApp, docName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const snap: { snapshot: Buffer }[] = await t.db.query('SELECT snapshot FROM collab_documents WHERE name = $1', [docName]);
  if (snap[0]) Y.applyUpdate(doc, snap[0].snapshot);
  const rows: { update: Buffer }[] = await t.db.query('SELECT update FROM collab_updates WHERE doc_name = $1 ORDER BY id', [docName]);
  for (const row of rows) Y.applyUpdate(doc, row.update);
  return doc;
}

/** The stored document's text as the editor's XML. */
export async function storedText(t: TestApp, docName: string): Promise<string> {
  return (await storedDoc(t, docName)).getXmlFragment(DOC_FRAGMENT).toString();
}
