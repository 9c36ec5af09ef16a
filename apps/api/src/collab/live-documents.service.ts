import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { COLLAB_EVENTS, type CollabError, type DocAccess } from '@minga/contracts';
import { toPlainText, updateToJson } from '@minga/editor';
import { broadcastPrebuilt } from '../realtime/prebuilt-broadcast';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CollabPersistence, type AppendedRow, type AppendedUpdate } from './collab-persistence.service';
import { DocumentVersions } from './document-versions.service';
import { LiveDocument } from './live-document';
import { asBuffer, awarenessMessage, syncStep1Message, syncUpdateMessage } from './y-messages';

interface PendingWrite extends AppendedUpdate {
  live: LiveDocument;
  /** The connections whose edits these are: they alone need to hear that their edits are durable. */
  writerSocketIds: string[];
}

/**
 * The stored plain text (for search) is refreshed at most this often while a document is open, and always when it
 * unloads: extracting it converts the whole document, which is the one part of compaction that grows with its size.
 */
const PLAIN_TEXT_REFRESH_MS = 60_000;

/** Transaction origin of changes made by the server itself. */
const SERVER_ORIGIN = 'minga-server';

function isSocket(origin: unknown): origin is Socket {
  return typeof origin === 'object' && origin !== null && 'id' in origin && 'emit' in origin;
}

/**
 * The documents this process holds open: loading, relaying, group-committed persistence, `saved`
 * acknowledgements, compaction and unloading. Sockets reach it through the collaboration gateway.
 */
@Injectable()
export class LiveDocuments implements OnApplicationShutdown {
  private readonly logger = new Logger('Collab');
  private readonly docs = new Map<string, LiveDocument>();
  private readonly loading = new Map<string, Promise<LiveDocument>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private pending: PendingWrite[] = [];
  private flushing: Promise<void> | null = null;
  private flushScheduled = false;
  private retryDelayMs = 0;
  private namespace: Namespace | null = null;

  constructor(
    private readonly persistence: CollabPersistence,
    private readonly versions: DocumentVersions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  get(name: string): LiveDocument | undefined {
    return this.docs.get(name);
  }

  /** Loads a document once, however many clients join it at the same moment. */
  async acquire(name: string): Promise<LiveDocument> {
    await this.unloading.get(name);
    const open = this.docs.get(name);
    if (open) {
      this.cancelUnload(open);
      return open;
    }
    let loading = this.loading.get(name);
    if (!loading) {
      loading = this.load(name).finally(() => this.loading.delete(name));
      this.loading.set(name, loading);
    }
    const live = await loading;
    this.cancelUnload(live);
    return live;
  }

  addMember(live: LiveDocument, socket: Socket, userId: string, access: DocAccess): void {
    live.members.set(socket.id, { socket, userId, access, awarenessClients: new Set() });
    socket.emit(COLLAB_EVENTS.y, live.name, syncStep1Message(live.doc));
    const states = [...live.awareness.getStates().keys()];
    if (states.length) {
      socket.emit(COLLAB_EVENTS.y, live.name, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(live.awareness, states)));
    }
  }

  removeMember(live: LiveDocument, socketId: string): void {
    const member = live.members.get(socketId);
    if (!member) return;
    live.members.delete(socketId);
    if (member.awarenessClients.size) {
      awarenessProtocol.removeAwarenessStates(live.awareness, [...member.awarenessClients], 'left');
    }
    if (live.members.size === 0) this.scheduleUnload(live);
  }

  /**
   * Applies an editor's update. The first one of an event-loop turn goes out at once, in the very message it came
   * in (`received`, checked by the gateway), and is then applied and stored: the lowest latency. Later ones of the
   * same turn are applied together at its end, in one transaction whose update (only what changed) goes out as one
   * message and one stored row: the highest throughput, when many people type at once.
   * The document has no permanent 'update' listener: Yjs would re-encode every transaction, and after merging the
   * writer's new text into its run that encoding copies the whole run.
   * A sync step 2 (a client's answer on join or reconnect) carries the client's whole delete set and whatever the
   * server already has, so it always goes through Yjs, and only what it changed is relayed and stored.
   */
  applyUpdate(live: LiveDocument, update: Uint8Array, origin: Socket, syncStep2: boolean, received: Uint8Array): void {
    if (syncStep2) {
      this.capturedChange(live, () => {
        Y.applyUpdate(live.doc, update, origin);
        return [origin];
      });
      return;
    }
    if (live.turnScheduled) {
      live.turnBatch.push({ update, origin });
      return;
    }
    live.turnScheduled = true;
    setImmediate(() => this.endTurn(live));
    // Relayed before it is applied: the gateway decoded the whole update, so applying it (50-100 µs, more when Yjs
    // merges the writer's run) is off the path to the other editors. It is stored only once applied: one that
    // decodes but that Yjs then fails to integrate has reached the others, but its writer gets an error and the
    // server keeps nothing of it.
    this.broadcast(live, asBuffer(received), origin);
    Y.applyUpdate(live.doc, update, origin);
    this.store(live, update, [origin]);
  }

  applyAwareness(live: LiveDocument, update: Uint8Array, origin: Socket): void {
    awarenessProtocol.applyAwarenessUpdate(live.awareness, update, origin);
  }

  /** Resolves once everything received so far is committed (used before unload and at shutdown). */
  async flush(): Promise<void> {
    while (this.pending.length || this.flushing) {
      if (this.flushing) await this.flushing;
      else await this.startFlush();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // Commit what is pending, but do not hang a shutdown forever on a database that is gone.
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
    await Promise.race([this.flush(), timeout]).catch((err: unknown) => this.logger.error(`Final flush failed: ${String(err)}`));
    for (const live of this.docs.values()) live.destroy();
    this.docs.clear();
  }

  private async load(name: string): Promise<LiveDocument> {
    const stored = await this.persistence.load(name);
    const live = new LiveDocument(name);
    // Cold load through one Y.Doc: the snapshot, then each remaining log row.
    Y.transact(live.doc, () => {
      if (stored.snapshot) Y.applyUpdate(live.doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(live.doc, update);
    });
    live.storedRowIds = stored.updateIds;
    live.snapshotRevision = stored.revision;
    live.awareness.on('update', (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      this.onAwarenessUpdate(live, changes, origin),
    );
    this.docs.set(name, live);
    return live;
  }

  /** The whole current state of a document, open or not. */
  async currentState(name: string): Promise<Uint8Array> {
    const live = this.docs.get(name);
    if (live) return Y.encodeStateAsUpdate(live.doc);
    const doc = await this.versions.storedDoc(name);
    try {
      return Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
  }

  /** Reads a document as it is now, open or not, without opening it for editing; `read` must not keep `doc`. */
  async read<T>(name: string, read: (doc: Y.Doc) => T): Promise<T> {
    const live = this.docs.get(name);
    if (live) return read(live.doc);
    const doc = await this.versions.storedDoc(name);
    try {
      return read(doc);
    } finally {
      doc.destroy();
    }
  }

  /**
   * Sends a JSON event to everyone who has the document open (comments, suggestions). Members only: their access
   * was decided at join and is re-decided on every role change. Encoded and framed once for all of them.
   */
  emitToMembers(name: string, event: string, ...args: unknown[]): void {
    const live = this.docs.get(name);
    if (!live || !this.namespace || live.members.size === 0) return;
    broadcastPrebuilt(
      this.namespace,
      [...live.members.values()].map((member) => member.socket),
      event,
      ...args,
    );
  }

  /**
   * Changes a document on the server (restoring a version, accepting a suggestion): the change goes through the
   * live document, so every open client receives it and it is stored like any edit. Resolves once it is durable.
   */
  async change<T = void>(name: string, apply: (doc: Y.Doc) => T): Promise<T> {
    const live = await this.acquire(name);
    try {
      let result!: T;
      this.capturedChange(live, () => {
        Y.transact(live.doc, () => (result = apply(live.doc)), SERVER_ORIGIN);
        return [];
      });
      await this.flush();
      return result;
    } finally {
      if (live.members.size === 0) this.scheduleUnload(live);
    }
  }

  /**
   * An update now in the document goes to the other members at once and into the next group commit. A lone
   * writer does not hear its own update back; a batch of several writers' updates is echoed to them too (Yjs
   * ignores what it already has).
   */
  private accept(live: LiveDocument, update: Uint8Array, writers: Socket[]): void {
    this.broadcast(live, syncUpdateMessage(update), writers.length === 1 ? writers[0] : null);
    this.store(live, update, writers);
  }

  /** An update now in the document goes into the next group commit. */
  private store(live: LiveDocument, update: Uint8Array, writers: Socket[]): void {
    live.changedSinceVersion = true;
    this.pending.push({ live, docName: live.name, update, writerSocketIds: writers.map((socket) => socket.id) });
    this.scheduleFlush();
  }

  /** A change whose update Yjs encodes (only what it changed), relayed and stored like an edit of `change`'s writers. */
  private capturedChange(live: LiveDocument, change: () => Iterable<Socket>): void {
    const updates: Uint8Array[] = [];
    const capture = (update: Uint8Array) => updates.push(update);
    let writers: Socket[] = [];
    live.doc.on('update', capture);
    try {
      writers = [...change()];
    } finally {
      live.doc.off('update', capture);
      for (const update of updates) this.accept(live, update, writers);
    }
  }

  /** The end of a turn: the updates that arrived after its first one, applied in one transaction. */
  private endTurn(live: LiveDocument): void {
    live.turnScheduled = false;
    const batch = live.turnBatch;
    if (batch.length === 0 || live.doc.isDestroyed) return;
    live.turnBatch = [];
    this.capturedChange(live, () => {
      const writers = new Set<Socket>();
      Y.transact(live.doc, () => {
        for (const { update, origin } of batch) {
          try {
            Y.applyUpdate(live.doc, update, origin);
            writers.add(origin);
          } catch {
            const error: CollabError = { code: 'malformed_message', message: 'The update could not be applied', docName: live.name };
            origin.emit(COLLAB_EVENTS.error, error);
          }
        }
      });
      return writers;
    });
  }

  /** One y-protocols message to every member of a document, except the connection it came from. */
  private broadcast(live: LiveDocument, message: Buffer, except: Socket | null): void {
    if (!this.namespace) return;
    const recipients: Socket[] = [];
    for (const member of live.members.values()) if (member.socket !== except) recipients.push(member.socket);
    broadcastPrebuilt(this.namespace, recipients, COLLAB_EVENTS.y, live.name, message);
  }

  private onAwarenessUpdate(live: LiveDocument, changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    const member = isSocket(origin) ? live.members.get(origin.id) : undefined;
    if (member) {
      for (const id of changes.added) member.awarenessClients.add(id);
      for (const id of changes.removed) member.awarenessClients.delete(id);
    }
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    if (!changed.length) return;
    // Cursor moves of many people in one turn go out as one message with their latest states.
    const firstThisTurn = live.awarenessBatch.size === 0;
    for (const id of changed) live.awarenessBatch.add(id);
    if (firstThisTurn) setImmediate(() => this.flushAwareness(live));
  }

  private flushAwareness(live: LiveDocument): void {
    const clients = [...live.awarenessBatch];
    live.awarenessBatch.clear();
    if (!clients.length || live.doc.isDestroyed) return;
    this.broadcast(live, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(live.awareness, clients)), null);
  }

  /** Group commit: everything that arrives while a commit is in flight goes into the next one. */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.flushing) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      void this.startFlush();
    });
  }

  private startFlush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.pending.length === 0) return Promise.resolve();
    const batch = this.pending;
    this.pending = [];
    // What each document holds now is exactly what this batch (and earlier ones) make durable.
    const durable = new Map<LiveDocument, Uint8Array>();
    for (const write of batch) if (!durable.has(write.live)) durable.set(write.live, Y.encodeStateVector(write.live.doc));
    this.flushing = this.persistence
      .append(batch)
      .then(
        (rows) => {
          this.retryDelayMs = 0;
          const rowIds = rowIdsByDocument(batch, rows);
          for (const [live, stateVector] of durable) this.afterCommit(live, stateVector, batch, rowIds.get(live) ?? []);
        },
        (err: unknown) => {
          // Keep the writes, in order, and retry: nothing acknowledged is ever dropped.
          this.pending = batch.concat(this.pending);
          this.retryDelayMs = Math.min(5000, Math.max(50, this.retryDelayMs * 2));
          this.logger.error(`Saving ${batch.length} updates failed, retrying in ${this.retryDelayMs} ms: ${String(err)}`);
          return new Promise<void>((resolve) => setTimeout(resolve, this.retryDelayMs));
        },
      )
      .finally(() => {
        this.flushing = null;
        if (this.pending.length) this.scheduleFlush();
      });
    return this.flushing;
  }

  /**
   * `saved` goes to the writers of this batch only, once each: readers have nothing pending, and with hundreds of
   * people on a document a room-wide `saved` per commit would double the messages the server sends.
   */
  private afterCommit(live: LiveDocument, stateVector: Uint8Array, batch: PendingWrite[], rowIds: string[]): void {
    const writers = new Set<Socket>();
    for (const write of batch) {
      if (write.live !== live) continue;
      for (const socketId of write.writerSocketIds) {
        const member = live.members.get(socketId);
        if (member) writers.add(member.socket);
      }
    }
    if (writers.size && this.namespace) broadcastPrebuilt(this.namespace, writers, COLLAB_EVENTS.saved, live.name, asBuffer(stateVector));
    for (const id of rowIds) live.storedRowIds.push(id);
    if (this.dueForCompaction(live)) void this.compact(live, false);
    if (Date.now() - live.lastVersionAt >= this.config.COLLAB_AUTO_VERSION_MINUTES * 60_000) void this.autoVersion(live);
  }

  /** Automatic snapshots while a document is being edited, so earlier states can be read and restored. */
  private async autoVersion(live: LiveDocument): Promise<void> {
    if (!live.changedSinceVersion) return;
    live.changedSinceVersion = false;
    live.lastVersionAt = Date.now();
    await this.versions
      .save(live.name, 'auto', Y.encodeStateAsUpdate(live.doc), null, null)
      .catch((err: unknown) => this.logger.error(`Automatic version of ${live.name} failed: ${String(err)}`));
  }

  /**
   * Compaction encodes the whole document, so its cost grows with the document, not with the rows: past the row
   * threshold it runs at most once per interval, or a flood of edits would have it run many times a second.
   */
  private dueForCompaction(live: LiveDocument): boolean {
    return (
      live.storedRowIds.length >= this.config.COLLAB_COMPACT_AFTER_ROWS &&
      Date.now() - live.lastCompactionAt >= this.config.COLLAB_COMPACT_MIN_INTERVAL_SECONDS * 1000
    );
  }

  /**
   * Writes the open document as the new snapshot and deletes the log rows it is known to contain. The snapshot is
   * encoded from the live Y.Doc at one instant, together with the list of rows it covers, so no row it lacks is
   * ever deleted; a newer snapshot from another process is merged into the live document first.
   */
  private compact(live: LiveDocument, refreshText: boolean): Promise<void> {
    if (live.compacting) return live.compacting;
    live.lastCompactionAt = Date.now();
    let covered = 0;
    let textAt: number | null = null;
    live.compacting = this.persistence
      .compact(live.name, live.snapshotRevision, (newerSnapshot) => {
        if (newerSnapshot) {
          this.capturedChange(live, () => {
            Y.applyUpdate(live.doc, newerSnapshot, SERVER_ORIGIN);
            return [];
          });
        }
        const snapshot = Y.encodeStateAsUpdate(live.doc);
        covered = live.storedRowIds.length;
        const withText = refreshText || Date.now() - live.textExtractedAt >= PLAIN_TEXT_REFRESH_MS;
        if (withText) textAt = Date.now();
        return { snapshot, plainText: withText ? toPlainText(updateToJson(snapshot)) : null, rowIds: live.storedRowIds.slice(0, covered) };
      })
      .then((revision) => {
        if (revision === null) return;
        live.snapshotRevision = revision;
        // Rows committed while compacting were appended after the covered ones and stay for the next compaction.
        live.storedRowIds.splice(0, covered);
        if (textAt !== null) live.textExtractedAt = textAt;
      })
      .catch((err: unknown) => this.logger.error(`Compacting ${live.name} failed: ${String(err)}`))
      .finally(() => {
        live.compacting = null;
      });
    return live.compacting;
  }

  private scheduleUnload(live: LiveDocument): void {
    this.cancelUnload(live);
    live.unloadTimer = setTimeout(() => {
      live.unloadTimer = null;
      if (live.members.size > 0 || this.unloading.has(live.name)) return;
      const unload = this.unload(live).finally(() => this.unloading.delete(live.name));
      this.unloading.set(live.name, unload);
    }, this.config.COLLAB_UNLOAD_GRACE_SECONDS * 1000);
    live.unloadTimer.unref();
  }

  private cancelUnload(live: LiveDocument): void {
    if (live.unloadTimer) clearTimeout(live.unloadTimer);
    live.unloadTimer = null;
  }

  /** Unloading commits what is pending, compacts, and only then forgets the document. */
  private async unload(live: LiveDocument): Promise<void> {
    this.docs.delete(live.name);
    try {
      await this.flush();
      await this.autoVersion(live);
      if (live.storedRowIds.length > 0) await this.compact(live, true);
    } finally {
      live.destroy();
    }
  }
}

/** The new log rows of a group commit, per open document (a document's writes in one batch come from one object). */
function rowIdsByDocument(batch: PendingWrite[], rows: AppendedRow[]): Map<LiveDocument, string[]> {
  const liveByName = new Map<string, LiveDocument>();
  for (const write of batch) liveByName.set(write.docName, write.live);
  const ids = new Map<LiveDocument, string[]>();
  for (const row of rows) {
    const live = liveByName.get(row.docName);
    if (!live) continue;
    const list = ids.get(live);
    if (list) list.push(row.id);
    else ids.set(live, [row.id]);
  }
  return ids;
}
