// A Yjs provider over socket.io with the shape of y-websocket's WebsocketProvider, for the `/collab` protocol.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ObservableV2 } from 'lib0/observable';
import { io, type Socket } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  COLLAB_EVENTS,
  COLLAB_NAMESPACE,
  Y_MESSAGE_AWARENESS,
  Y_MESSAGE_SYNC,
  type CollabError,
  type DocAccess,
  type JoinResult,
} from '@minga/contracts';
import { SaveTracker } from './save-tracker';
import { keepSocketSignedIn, type AccessTokenSource } from './socket-session';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

interface SocketIOProviderOptions {
  /**
   * The access token, or a function returning a fresh one: called at every (re)connection and shortly before the
   * current token expires, to renew the open connection's rights (`reauth`).
   */
  token: AccessTokenSource;
  awareness?: awarenessProtocol.Awareness;
  /** Connect at once (default true); otherwise call connect(). */
  connect?: boolean;
  /** Reconnection backoff: first delay and ceiling in ms; socket.io-client adds ±50 % jitter. */
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  /** Transports to use; WebSocket only by default (no long-polling fallback). */
  transports?: ('websocket' | 'polling')[];
}

interface SocketIOProviderEvents {
  status: (event: { status: ConnectionStatus }) => void;
  sync: (synced: boolean) => void;
  /** After the server confirmed durable storage; `pending` counts local changes not yet confirmed. */
  saved: (event: { pending: number }) => void;
  /** Local changes waiting for the server changed (typing, or a confirmation arrived). */
  pending: (event: { pending: number }) => void;
  access: (access: DocAccess) => void;
  'collab-error': (error: CollabError) => void;
  /** The server is up but cannot serve documents now (its database is unreachable); the provider keeps retrying. */
  unavailable: (unavailable: boolean) => void;
  /** Changes of people connected to other server instances may arrive late (or arrive on time again). */
  'others-delayed': (delayed: boolean) => void;
}

/**
 * The msgpack parser (notepack) sends a Node Buffer, or a browser ArrayBuffer, as plain binary; a bare Uint8Array
 * would travel as an extension holding its whole underlying buffer. So: a Buffer in Node, an exact ArrayBuffer elsewhere.
 */
function toWire(u8: Uint8Array): Uint8Array | ArrayBuffer {
  const NodeBuffer = (globalThis as { Buffer?: { from(b: ArrayBufferLike, o: number, l: number): Uint8Array } }).Buffer;
  if (NodeBuffer) return NodeBuffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
  return u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength) as ArrayBuffer;
}

function toUint8Array(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return null;
}

export class SocketIOProvider extends ObservableV2<SocketIOProviderEvents> {
  readonly socket: Socket;
  readonly awareness: awarenessProtocol.Awareness;
  status: ConnectionStatus = 'disconnected';
  synced = false;
  /** What the server allows this user: decided at join, updated when roles change. */
  access: DocAccess | null = null;
  /** True while the server says others' changes may arrive late (see the `others-delayed` event). */
  othersDelayed = false;
  /** True while the server says it cannot serve the document (see the `unavailable` event). */
  unavailable = false;
  private joined = false;
  /** Numbers the messages carrying this client's changes on the current connection (see COLLAB_EVENTS.y). */
  private changeSeq = 0;
  /** The server's sync step 1 when it arrives before the join's answer: answered once this client's access is known. */
  private serverStep1: Uint8Array | null = null;
  private readonly stopSession: () => void;
  private readonly saves: SaveTracker;
  /** An awareness this provider made itself is destroyed with it (its timer would keep a process alive). */
  private readonly ownsAwareness: boolean;

  constructor(
    serverUrl: string,
    readonly docName: string,
    readonly doc: Y.Doc,
    private readonly options: SocketIOProviderOptions,
  ) {
    super();
    this.ownsAwareness = options.awareness === undefined;
    this.awareness = options.awareness ?? new awarenessProtocol.Awareness(doc);
    this.saves = new SaveTracker(doc);
    this.socket = io(`${serverUrl.replace(/\/$/, '')}${COLLAB_NAMESPACE}`, {
      auth: (cb) => {
        const token = typeof options.token === 'function' ? options.token() : options.token;
        void Promise.resolve(token).then((t) => cb({ token: t }));
      },
      parser: msgpackParser,
      transports: options.transports ?? ['websocket'],
      autoConnect: false,
      forceNew: true,
      reconnection: true,
      reconnectionDelay: options.reconnectDelayMs ?? 500,
      reconnectionDelayMax: options.reconnectDelayMaxMs ?? 10_000,
      randomizationFactor: 0.5,
    });
    this.socket.on('connect', this.onConnect);
    this.socket.on('disconnect', this.onDisconnect);
    this.socket.on('connect_error', this.onConnectError);
    this.stopSession = keepSocketSignedIn(this.socket, options.token, {
      onUnavailable: (unavailable) => this.setUnavailable(unavailable),
      retryDelayMs: options.reconnectDelayMs ?? 500,
      retryDelayMaxMs: options.reconnectDelayMaxMs ?? 10_000,
    });
    this.socket.on(COLLAB_EVENTS.y, this.onServerMessage);
    this.socket.on(COLLAB_EVENTS.saved, this.onSaved);
    this.socket.on(COLLAB_EVENTS.error, this.onCollabError);
    this.socket.on(COLLAB_EVENTS.access, this.onAccess);
    this.socket.on(COLLAB_EVENTS.relay, this.onRelay);
    doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    if (options.connect !== false) this.connect();
  }

  /** Local changes not yet confirmed durable by the server. */
  get pendingChanges(): number {
    return this.saves.pending;
  }

  connect(): void {
    if (this.socket.connected || this.socket.active) return;
    this.setStatus('connecting');
    this.socket.connect();
  }

  disconnect(): void {
    if (this.joined) this.socket.emit(COLLAB_EVENTS.leave, this.docName);
    this.joined = false;
    this.socket.disconnect();
    this.setStatus('disconnected');
  }

  override destroy(): void {
    awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], 'provider destroyed');
    this.disconnect();
    this.stopSession();
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.socket.removeAllListeners();
    if (this.ownsAwareness) this.awareness.destroy();
    super.destroy();
  }

  private readonly onConnect = () => {
    this.join(0);
  };

  private join(attempt: number): void {
    this.serverStep1 = null;
    this.socket.emit(COLLAB_EVENTS.join, this.docName, (result: JoinResult) => {
      if (!result.ok) {
        this.emit('collab-error', [result.error]);
        // The server is there but cannot open documents now: ask again, backing off, while the socket stays up.
        if (result.error.code === 'unavailable' || result.error.code === 'rate_limited') this.retryJoin(attempt);
        return;
      }
      this.joined = true;
      this.changeSeq = 0;
      this.setUnavailable(false);
      this.setAccess(result.access);
      this.setStatus('connected');
      // What this document holds that the server lacks (typed offline, restored from IndexedDB) goes now that the
      // server says this client may write: the answer to its step 1, which may have arrived before this answer.
      if (this.serverStep1) this.answerServerStep1(this.serverStep1);
      this.serverStep1 = null;
      const step1 = encoding.createEncoder();
      encoding.writeVarUint(step1, Y_MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(step1, this.doc);
      this.send(encoding.toUint8Array(step1));
      if (this.awareness.getLocalState() !== null) {
        this.sendAwareness([this.doc.clientID]);
      }
    });
  }

  private retryJoin(attempt: number): void {
    this.setUnavailable(true);
    const base = Math.min(this.options.reconnectDelayMaxMs ?? 10_000, (this.options.reconnectDelayMs ?? 500) * 2 ** attempt);
    setTimeout(
      () => {
        if (this.socket.connected && !this.joined) this.join(attempt + 1);
      },
      base * (0.5 + Math.random()),
    );
  }

  /** Sends the server what this document has beyond `stateVector`, or, for a read-only client, an empty step 2. */
  private answerServerStep1(stateVector: Uint8Array): void {
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, Y_MESSAGE_SYNC);
    syncProtocol.writeSyncStep2(reply, this.mayWrite() ? this.doc : new Y.Doc(), this.mayWrite() ? stateVector : undefined);
    const seq = this.sendChange(encoding.toUint8Array(reply));
    if (seq !== null && this.mayWrite()) this.saves.sentAllIn(seq);
  }

  private readonly onDisconnect = () => {
    this.joined = false;
    // A server that still cannot reach the other instances says so again when this client joins.
    this.setOthersDelayed(false);
    this.setSynced(false);
    // Others' cursors are stale once we are offline; our own state stays for the next connection.
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, others, this);
    this.setStatus(this.socket.active ? 'connecting' : 'disconnected');
  };

  private readonly onConnectError = (error: Error & { data?: { retryable?: boolean } }) => {
    // A handshake refused as retryable is retried by the session keeper, not by socket.io.
    this.setStatus(this.socket.active || error.data?.retryable ? 'connecting' : 'disconnected');
  };

  private readonly onServerMessage = (docName: string, data: unknown) => {
    const bytes = toUint8Array(data);
    if (docName !== this.docName || !bytes) return;
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === Y_MESSAGE_SYNC) {
      const syncType = decoding.peekVarUint(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        decoding.readVarUint(decoder);
        const stateVector = decoding.readVarUint8Array(decoder);
        // Before the join's answer this client does not know whether it may write: it answers once it does.
        if (this.joined) this.answerServerStep1(stateVector);
        else this.serverStep1 = stateVector;
        return;
      }
      // Step 2 and updates carry a Yjs update, applied as it is (no reply encoder is made: nothing is answered).
      if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) return;
      decoding.readVarUint(decoder);
      syncProtocol.readUpdate(decoder, this.doc, this);
      if (syncType === syncProtocol.messageYjsSyncStep2) this.setSynced(true);
    } else if (type === Y_MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    }
  };

  private readonly onSaved = (docName: string, data: unknown, seq: unknown) => {
    const stateVector = toUint8Array(data);
    if (docName !== this.docName || !stateVector) return;
    if (typeof seq === 'number') this.saves.confirmThrough(seq);
    else this.saves.confirm(Y.decodeStateVector(stateVector));
    // Storing works (again): "Not saved yet" gives way to the count of what is still pending.
    this.setUnavailable(false);
    this.emit('saved', [{ pending: this.saves.pending }]);
  };

  private readonly onCollabError = (error: CollabError) => {
    // The server cannot store changes now: they stay here and are sent again; the editor says so until `saved`.
    if (error.code === 'unavailable' && error.docName === this.docName) this.setUnavailable(true);
    if (!error.docName || error.docName === this.docName) this.emit('collab-error', [error]);
  };

  private readonly onRelay = (docName: string, state: unknown) => {
    if (docName !== this.docName || typeof state !== 'object' || state === null) return;
    this.setOthersDelayed((state as { delayed?: unknown }).delayed === true);
  };

  private setOthersDelayed(delayed: boolean): void {
    if (this.othersDelayed === delayed) return;
    this.othersDelayed = delayed;
    this.emit('others-delayed', [delayed]);
  }

  private readonly onAccess = (docName: string, access: DocAccess) => {
    if (docName === this.docName) this.setAccess(access);
  };

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this) return;
    let seq: number | null = null;
    if (this.joined && this.mayWrite()) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, Y_MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      seq = this.sendChange(encoding.toUint8Array(encoder));
    }
    this.saves.recordLocal(seq);
    this.emit('pending', [{ pending: this.saves.pending }]);
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin === this || !this.joined) return;
    this.sendAwareness([...added, ...updated, ...removed]);
  };

  private sendAwareness(clients: number[]): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, Y_MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    this.send(encoding.toUint8Array(encoder));
  }

  private mayWrite(): boolean {
    return this.access === 'edit';
  }

  private send(message: Uint8Array): void {
    if (this.socket.connected) this.socket.emit(COLLAB_EVENTS.y, this.docName, toWire(message));
  }

  /** Sends a message carrying changes with the next number of this connection; null when not connected. */
  private sendChange(message: Uint8Array): number | null {
    if (!this.socket.connected) return null;
    this.changeSeq += 1;
    this.socket.emit(COLLAB_EVENTS.y, this.docName, toWire(message), this.changeSeq);
    return this.changeSeq;
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', [{ status }]);
  }

  private setSynced(synced: boolean): void {
    if (this.synced === synced) return;
    this.synced = synced;
    this.emit('sync', [synced]);
  }

  private setUnavailable(unavailable: boolean): void {
    if (this.unavailable === unavailable) return;
    this.unavailable = unavailable;
    this.emit('unavailable', [unavailable]);
  }

  private setAccess(access: DocAccess): void {
    if (this.access === access) return;
    this.access = access;
    this.emit('access', [access]);
  }
}
