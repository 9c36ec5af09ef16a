import { Logger } from '@nestjs/common';
import type { Socket } from 'socket.io';
import * as Y from 'yjs';
import { COLLAB_EVENTS, type CollabError } from '@minga/contracts';
import type { AppendedRow, CollabPersistence } from './collab-persistence.service';
import type { LiveDocument } from './live-document';
import { asBuffer } from './y-messages';

interface PendingWrite {
  live: LiveDocument;
  docName: string;
  /** Null for a marker: nothing to store, only writers' messages to confirm once everything before them is. */
  update: Uint8Array | null;
  /**
   * The connections whose edits these are, each with the number of its last message received by then (see
   * `COLLAB_EVENTS.saved`): they alone need to hear that their edits are durable.
   */
  writers: { socketId: string; seq: number }[];
}

/**
 * Group commit of every open document's updates to PostgreSQL, and the `saved` confirmations that follow. This is
 * where edits become durable: a writer hears `saved` for a message only once it, and everything queued before it,
 * is committed; a failed commit keeps its writes, in order, and retries until the database takes them.
 */
export class GroupCommit {
  private readonly logger = new Logger('Collab');
  private pending: PendingWrite[] = [];
  private flushing: Promise<void> | null = null;
  private flushScheduled = false;
  private retryDelayMs = 0;

  /** `committed`: runs after each commit, per document it wrote (compaction and automatic versions). */
  constructor(
    private readonly persistence: CollabPersistence,
    private readonly committed: (live: LiveDocument) => void,
  ) {}

  /** A message numbered `seq` (see `COLLAB_EVENTS.y`) arrived from `socket`; call before handling it. */
  noteReceived(live: LiveDocument, socket: Socket, seq: number): void {
    live.receivedSeqs.set(socket.id, Math.max(seq, live.receivedSeqs.get(socket.id) ?? 0));
  }

  /**
   * After a numbered message that stored nothing (a change the server already had, an empty update, a refusal):
   * its writer still hears `saved` for it, once every change queued before it is stored, never sooner. Messages
   * waiting for the end of the turn are settled there.
   */
  settle(live: LiveDocument, socket: Socket): void {
    const received = live.receivedSeqs.get(socket.id) ?? 0;
    if (received <= (live.settledSeqs.get(socket.id) ?? 0)) return;
    if (live.turnBatch.some((queued) => queued.origin === socket)) return;
    live.settledSeqs.set(socket.id, received);
    this.pending.push({ live, docName: live.name, update: null, writers: [{ socketId: socket.id, seq: received }] });
    this.scheduleFlush();
  }

  /** An update now in the document (and relayed) goes into the next group commit. */
  store(live: LiveDocument, update: Uint8Array, writers: Socket[]): void {
    live.changedSinceVersion = true;
    const numbered = writers.map((socket) => {
      const seq = live.receivedSeqs.get(socket.id) ?? 0;
      live.settledSeqs.set(socket.id, seq);
      return { socketId: socket.id, seq };
    });
    this.pending.push({ live, docName: live.name, update, writers: numbered });
    this.scheduleFlush();
  }

  /** Resolves once everything received so far is committed (used before unload and at shutdown). */
  async flush(): Promise<void> {
    while (this.pending.length || this.flushing) {
      if (this.flushing) await this.flushing;
      else await this.startFlush();
    }
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
    const writes = batch.filter((write): write is PendingWrite & { update: Uint8Array } => write.update !== null);
    this.flushing = this.persistence
      .append(writes)
      .then(
        (rows) => {
          this.retryDelayMs = 0;
          const rowIds = rowIdsByDocument(writes, rows);
          for (const [live, stateVector] of durable) this.afterCommit(live, stateVector, batch, rowIds.get(live) ?? []);
        },
        (err: unknown) => {
          // Keep the writes, in order, and retry: nothing acknowledged is ever dropped.
          this.pending = batch.concat(this.pending);
          for (const live of durable.keys()) this.reportStorageFailing(live);
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
   * Once per outage, everyone with the document open hears that their changes are kept but not stored: the editor
   * says "Not saved yet" instead of "Saving…" until the next `saved` (live editing goes on meanwhile).
   */
  private reportStorageFailing(live: LiveDocument): void {
    if (live.storageFailing) return;
    live.storageFailing = true;
    const error: CollabError = {
      code: 'unavailable',
      message: 'The server cannot store changes right now; they are kept and will be saved',
      docName: live.name,
    };
    for (const member of live.members.values()) member.socket.emit(COLLAB_EVENTS.error, error);
  }

  /**
   * `saved` goes to the writers of this batch only, once each: readers have nothing pending, and with hundreds of
   * people on a document a room-wide `saved` per commit would double the messages the server sends.
   */
  private afterCommit(live: LiveDocument, stateVector: Uint8Array, batch: PendingWrite[], rowIds: string[]): void {
    live.storageFailing = false;
    const confirmed = new Map<string, number>();
    for (const write of batch) {
      if (write.live !== live) continue;
      for (const { socketId, seq } of write.writers) confirmed.set(socketId, Math.max(seq, confirmed.get(socketId) ?? 0));
    }
    const durable = asBuffer(stateVector);
    for (const [socketId, seq] of confirmed) {
      const member = live.members.get(socketId);
      if (!member) continue;
      if (seq > 0) member.socket.emit(COLLAB_EVENTS.saved, live.name, durable, seq);
      else member.socket.emit(COLLAB_EVENTS.saved, live.name, durable);
    }
    for (const id of rowIds) live.storedRowIds.push(id);
    this.committed(live);
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
