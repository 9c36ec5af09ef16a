import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { COLLAB_EVENTS, presenceUserOf, type CollabError, type CollabErrorCode, type DocAccess } from '@minga/contracts';
import { checkUpdateShape, toPlainText, updateToJson } from '@minga/editor';
import type { AuthPrincipal } from '../access/principal';
import { CLUSTER_BUS, type ClusterBus } from '../cluster/cluster-bus';
import { broadcastPrebuilt, prebuildEvent, sendPrebuilt } from '../realtime/prebuilt-broadcast';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CollabPersistence, type AppendedRow } from './collab-persistence.service';
import {
  decodeRelay,
  encodeRelay,
  relayChannel,
  RELAY_EVENT,
  RELAY_HEARTBEAT,
  RELAY_PRESENCE,
  RELAY_UPDATE,
  type RelayMessage,
} from './document-relay';
import { DocumentVersions } from './document-versions.service';
import { LiveDocument, type Member } from './live-document';
import { decodePresence, encodePresence, type PresenceEntry } from './presence';
import { integrityProblem, type DecodedUpdate } from './update-integrity';
import { asBuffer, awarenessMessage, syncStep1Message, syncStep2FromUpdate, syncStep2Message, syncUpdateMessage } from './y-messages';

/** Why an editor's update was refused; nothing of it reached the document, the others or the database. */
interface UpdateRefusal {
  code: CollabErrorCode;
  message: string;
}

/** A client's update as the gateway read it. */
interface ReceivedUpdate {
  update: Uint8Array;
  decoded: DecodedUpdate;
  syncStep2: boolean;
}

/** Presence client ids one connection may use (a provider uses one; a page with several editors, a few). */
const MAX_PRESENCE_CLIENTS_PER_CONNECTION = 4;

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
 * The stored plain text (for search) is refreshed at most this often while a document is open, and always when it
 * unloads: extracting it converts the whole document, which is the one part of compaction that grows with its size.
 */
const PLAIN_TEXT_REFRESH_MS = 60_000;

/** Transaction origin of changes made by the server itself. */
const SERVER_ORIGIN = 'minga-server';
/** Transaction origin of changes that other instances' clients made (stored by those instances). */
const RELAY_ORIGIN = 'minga-relay';
/** Presence owner of client ids whose connection is on another instance (prefix; the instance follows). */
const REMOTE_OWNER = 'remote:';

/** After a load: another instance may have relayed a change just before the subscription and stored it just after. */
const CATCH_UP_AFTER_LOAD_MS = 1000;
/** After a missed relay message: its sender has usually stored it by then (a group commit takes milliseconds). */
const CATCH_UP_AFTER_GAP_MS = 300;
/** After Redis came back: what other instances' clients did meanwhile was stored, not heard. */
const CATCH_UP_AFTER_RESUME_MS = 500;
/** A document's message count goes out this long after its last message, so a lost last message is noticed. */
const HEARTBEAT_AFTER_MS = 3000;
/** Catch-ups that still leave changes waiting for a missing one, before the document is reported. */
const MAX_CATCH_UP_ATTEMPTS = 6;
/** Instances unloading a document together (its last people left) take one final automatic version. */
const UNLOAD_VERSION_OVERLAP_MS = 5000;

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
  /** Relay messages that arrived for a document while it was loading, handled once it is open. */
  private readonly earlyRelays = new Map<string, RelayMessage[]>();
  /** Tells each load apart in relay messages, so a reload's count starting over is not taken for a gap. */
  private loads = 0;

  constructor(
    private readonly persistence: CollabPersistence,
    private readonly versions: DocumentVersions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLUSTER_BUS) private readonly bus: ClusterBus,
  ) {
    this.bus.onStatus((connected) => {
      for (const live of this.docs.values()) {
        for (const member of live.members.values()) member.socket.emit(COLLAB_EVENTS.relay, live.name, { delayed: !connected });
      }
    });
    this.bus.onResume(() => {
      for (const live of this.docs.values()) {
        // What this instance's clients did meanwhile never reached the others: its count tells them to catch up.
        this.sendHeartbeat(live);
        this.scheduleCatchUp(live, CATCH_UP_AFTER_RESUME_MS);
      }
    });
  }

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

  addMember(live: LiveDocument, socket: Socket, person: AuthPrincipal, access: DocAccess): void {
    live.members.set(socket.id, { socket, userId: person.id, user: presenceUserOf(person), access, awarenessClients: new Set() });
    socket.emit(COLLAB_EVENTS.y, live.name, syncStep1Message(live.doc));
    if (!this.bus.connected) socket.emit(COLLAB_EVENTS.relay, live.name, { delayed: true });
    const states = [...live.awareness.getStates().keys()];
    if (states.length) {
      socket.emit(COLLAB_EVENTS.y, live.name, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(live.awareness, states)));
    }
  }

  removeMember(live: LiveDocument, socketId: string): void {
    const member = live.members.get(socketId);
    if (!member) return;
    live.members.delete(socketId);
    live.receivedSeqs.delete(socketId);
    live.settledSeqs.delete(socketId);
    for (const clientId of member.awarenessClients) live.presenceOwners.delete(clientId);
    if (member.awarenessClients.size) {
      const clients = [...member.awarenessClients];
      awarenessProtocol.removeAwarenessStates(live.awareness, clients, 'left');
      if (this.bus.shared) {
        // Their removal, as y-protocols encodes it: each id with its latest clock and no state.
        const removed = clients.flatMap((clientId) => {
          const meta = live.awareness.meta.get(clientId);
          return meta ? [{ clientId, clock: meta.clock, state: null }] : [];
        });
        if (removed.length) this.relay(live, RELAY_PRESENCE, encodePresence(removed));
      }
    }
    if (live.members.size === 0) this.scheduleUnload(live);
  }

  /**
   * Applies an editor's update, once it is known to fit: the editor's schema (`checkUpdateShape`) and the document as
   * it is (`integrityProblem`: Yjs would otherwise integrate part of it and leave or throw on the rest). A refused
   * update leaves the document as it was and goes to no one; its writer gets the refusal.
   * The first update of an event-loop turn is applied at once and then relayed in the very message it came in
   * (`message`): the lowest latency. Later ones of the same turn are applied together at its end, in one transaction
   * whose update (only what changed) goes out as one message and one stored row: the highest throughput, when many
   * people type at once. The document has no permanent 'update' listener: Yjs would re-encode every transaction, and
   * after merging the writer's new text into its run that encoding copies the whole run.
   * A sync step 2 (a client's answer on join or reconnect) carries the client's whole delete set and whatever the
   * server already has, so it always goes through Yjs, and only what it changed is relayed and stored.
   */
  applyUpdate(live: LiveDocument, received: ReceivedUpdate, origin: Socket, message: Uint8Array): UpdateRefusal | null {
    if (received.syncStep2) {
      const refusal = this.refusalOf(live, received.decoded);
      if (refusal) return refusal;
      let complete = true;
      this.capturedChange(live, () => {
        complete = this.integrate(live, received.update, origin);
        return [origin];
      });
      return complete ? null : INCOMPLETE;
    }
    if (live.turnScheduled) {
      live.turnBatch.push({ update: received.update, decoded: received.decoded, origin });
      return null;
    }
    const refusal = this.refusalOf(live, received.decoded);
    if (refusal) return refusal;
    live.turnScheduled = true;
    setImmediate(() => this.endTurn(live));
    const before = clientStates(live.doc, received.decoded);
    // A replay of what the document already has changes nothing: relayed, every member would receive it again (as
    // often as a client cares to send it) and it would be stored again.
    let changed = false;
    const noteChange = (transaction: Y.Transaction) => {
      changed ||=
        transaction.deleteSet.clients.size > 0 ||
        [...transaction.afterState].some(([client, clock]) => transaction.beforeState.get(client) !== clock);
    };
    live.doc.on('afterTransaction', noteChange);
    let complete: boolean;
    try {
      complete = this.integrate(live, received.update, origin);
    } finally {
      live.doc.off('afterTransaction', noteChange);
    }
    if (complete) {
      if (changed) {
        // Other instances first: their clients wait on Redis and on their instance besides, these only on the writes.
        this.relay(live, RELAY_UPDATE, received.update);
        this.broadcast(live, asBuffer(message), origin);
        this.store(live, received.update, [origin]);
      }
      return null;
    }
    // Yjs kept part of an update the checks passed: what it kept is in the document, so it is relayed and stored
    // like any edit (the document never holds what the database will not), and the writer hears of the rest.
    const sv = Y.decodeStateVector(Y.encodeStateVector(live.doc));
    for (const [client, clock] of before) sv.set(client, clock);
    this.accept(live, Y.encodeStateAsUpdate(live.doc, Y.encodeStateVector(sv)), [origin]);
    return INCOMPLETE;
  }

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

  /**
   * Presence bound to its sender: a connection sets or clears only client ids it owns (the first to use an id owns
   * it until it leaves), a few at most, and every state it sets shows the connection's person, whatever it claimed.
   */
  applyPresence(live: LiveDocument, member: Member, entries: PresenceEntry[]): string | null {
    for (const entry of entries) {
      const owner = live.presenceOwners.get(entry.clientId);
      if (owner !== undefined && owner !== member.socket.id) return 'This presence belongs to another connection';
      if (owner === undefined && member.awarenessClients.size >= MAX_PRESENCE_CLIENTS_PER_CONNECTION) {
        return 'Too many presence clients on one connection';
      }
    }
    for (const entry of entries) {
      if (!live.presenceOwners.has(entry.clientId)) {
        live.presenceOwners.set(entry.clientId, member.socket.id);
        member.awarenessClients.add(entry.clientId);
      }
      if (entry.state) entry.state['user'] = member.user;
    }
    const update = encodePresence(entries);
    awarenessProtocol.applyAwarenessUpdate(live.awareness, update, member.socket);
    this.relay(live, RELAY_PRESENCE, update);
    return null;
  }

  /**
   * Answers a client's sync step 1 and returns how many bytes that sent. Clients that have nothing (a fresh tab, a
   * reconnect after a long time, and any flood of 4-byte requests) all get the whole document: encoded, framed and
   * written from one buffer per change of the document, so a repeated ask costs no copy of it.
   */
  sendSyncAnswer(live: LiveDocument, socket: Socket, stateVector: Uint8Array): number {
    const hasNothing = stateVector.byteLength === 1 && stateVector[0] === 0;
    if (!hasNothing || !this.namespace) {
      const answer = syncStep2Message(live.doc, hasNothing ? undefined : stateVector);
      socket.emit(COLLAB_EVENTS.y, live.name, answer);
      return answer.byteLength;
    }
    if (!live.wholeStateAnswer) {
      const answer = live.loadedState ? syncStep2FromUpdate(live.loadedState) : syncStep2Message(live.doc);
      live.wholeStateAnswer = prebuildEvent(this.namespace, COLLAB_EVENTS.y, live.name, answer);
    }
    sendPrebuilt(socket, live.wholeStateAnswer);
    return live.wholeStateAnswer.byteLength;
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
    // Subscribed before the database is read: what other instances holding the document relay from now on is heard
    // (and kept until the document is open); what they relayed before is stored, or caught up with below.
    this.earlyRelays.set(name, []);
    await this.bus.subscribe(relayChannel(name), (bytes) => this.onRelay(name, bytes));
    let stored;
    try {
      stored = await this.persistence.load(name);
    } catch (err) {
      this.earlyRelays.delete(name);
      this.bus.unsubscribe(relayChannel(name));
      throw err;
    }
    const live = new LiveDocument(name, `${this.bus.instanceId}/${++this.loads}`);
    // Cold load through one Y.Doc: the snapshot, then each remaining log row.
    Y.transact(live.doc, () => {
      if (stored.snapshot) Y.applyUpdate(live.doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(live.doc, update);
    });
    const { pendingStructs, pendingDs } = live.doc.store;
    if (pendingStructs || pendingDs) {
      live.loadedWithPending = true;
      // Stored before updates were checked: text that depends on changes never stored. It is kept (a client that
      // still has the missing change can complete it), never relayed as new, and reported here.
      const missing = pendingStructs
        ? [...pendingStructs.missing].map(([client, clock]) => `${client}@${clock}`).join(', ')
        : 'deletions only';
      this.logger.warn(`${name} holds changes that cannot be integrated (missing ${missing}); they stay stored but not shown`);
    } else if (stored.snapshot && stored.updates.length === 0) {
      live.loadedState = stored.snapshot;
    }
    live.storedRowIds = stored.updateIds;
    live.snapshotRevision = stored.revision;
    live.catchUpFloor = stored.updateIds.at(-1) ?? '0';
    live.awareness.on('update', (changes: { added: number[]; updated: number[]; removed: number[] }) =>
      this.onAwarenessUpdate(live, changes),
    );
    this.docs.set(name, live);
    const early = this.earlyRelays.get(name) ?? [];
    this.earlyRelays.delete(name);
    for (const message of early) this.receiveRelay(live, message);
    this.scheduleCatchUp(live, CATCH_UP_AFTER_LOAD_MS);
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
    if (this.bus.shared) {
      // Members on other instances too; outside the document's message count (this instance may not hold it).
      const payload = Buffer.from(JSON.stringify([event, ...args]));
      this.bus.publish(relayChannel(name), encodeRelay({ kind: RELAY_EVENT, from: this.bus.instanceId, seq: 0, payload }));
    }
    this.emitToLocalMembers(name, event, args);
  }

  private emitToLocalMembers(name: string, event: string, args: unknown[]): void {
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
    this.relay(live, RELAY_UPDATE, update);
    this.broadcast(live, syncUpdateMessage(update), writers.length === 1 ? writers[0] : null);
    this.store(live, update, writers);
  }

  /** An update now in the document (and relayed) goes into the next group commit. */
  private store(live: LiveDocument, update: Uint8Array, writers: Socket[]): void {
    live.changedSinceVersion = true;
    const numbered = writers.map((socket) => {
      const seq = live.receivedSeqs.get(socket.id) ?? 0;
      live.settledSeqs.set(socket.id, seq);
      return { socketId: socket.id, seq };
    });
    this.pending.push({ live, docName: live.name, update, writers: numbered });
    this.scheduleFlush();
  }

  /** Tells the other instances holding the document (none without Redis). */
  private relay(live: LiveDocument, kind: RelayMessage['kind'], payload: Uint8Array): void {
    if (!this.bus.shared) return;
    // Counted even when Redis is away and the message is dropped: the receivers see the gap and catch up.
    live.relaySeq += 1;
    this.bus.publish(relayChannel(live.name), encodeRelay({ kind, from: live.relayId, seq: live.relaySeq, payload }));
    if (live.heartbeatTimer) clearTimeout(live.heartbeatTimer);
    live.heartbeatTimer = setTimeout(() => this.sendHeartbeat(live), HEARTBEAT_AFTER_MS);
    live.heartbeatTimer.unref();
  }

  private sendHeartbeat(live: LiveDocument): void {
    live.heartbeatTimer = null;
    if (live.relaySeq === 0 || live.doc.isDestroyed) return;
    const message = { kind: RELAY_HEARTBEAT, from: live.relayId, seq: live.relaySeq, payload: new Uint8Array(0) } as const;
    this.bus.publish(relayChannel(live.name), encodeRelay(message));
  }

  private onRelay(name: string, bytes: Buffer): void {
    const message = decodeRelay(bytes);
    if (!message || message.from.startsWith(this.bus.instanceId)) return;
    const live = this.docs.get(name);
    if (live) this.receiveRelay(live, message);
    else this.earlyRelays.get(name)?.push(message);
  }

  private receiveRelay(live: LiveDocument, message: RelayMessage): void {
    if (message.kind === RELAY_EVENT) {
      const parsed: unknown = JSON.parse(Buffer.from(message.payload).toString());
      if (Array.isArray(parsed) && typeof parsed[0] === 'string') this.emitToLocalMembers(live.name, parsed[0], parsed.slice(1));
      return;
    }
    const last = live.remoteSeqs.get(message.from);
    live.remoteSeqs.set(message.from, Math.max(message.seq, last ?? 0));
    const expected = message.kind === RELAY_HEARTBEAT ? (last ?? message.seq) : (last ?? message.seq - 1) + 1;
    if (message.seq > expected) this.scheduleCatchUp(live, CATCH_UP_AFTER_GAP_MS);
    if (message.kind === RELAY_HEARTBEAT) return;
    if (message.kind === RELAY_UPDATE) this.applyRelayedUpdate(live, message.payload);
    else this.applyRelayedPresence(live, message.from, message.payload);
  }

  /**
   * Another instance's client changed the document: it was checked, applied and stored there; here it is applied
   * and sent to this instance's members. Changes it depends on that never arrived (a lost message) leave it pending
   * in Yjs, which is how a gap shows: the document then catches up from the database.
   */
  private applyRelayedUpdate(live: LiveDocument, update: Uint8Array): void {
    const store = live.doc.store;
    try {
      Y.applyUpdate(live.doc, update, RELAY_ORIGIN);
    } catch (err) {
      this.logger.error(`A relayed update to ${live.name} failed in Yjs: ${String(err)}`);
      this.scheduleCatchUp(live, CATCH_UP_AFTER_GAP_MS);
      return;
    }
    this.broadcast(live, syncUpdateMessage(update), null);
    if (!live.loadedWithPending && (store.pendingStructs || store.pendingDs)) this.scheduleCatchUp(live, CATCH_UP_AFTER_GAP_MS);
  }

  /** Presence of another instance's members: theirs alone, so no connection here may set or clear those ids. */
  private applyRelayedPresence(live: LiveDocument, from: string, update: Uint8Array): void {
    const entries = decodePresence(update, Number.MAX_SAFE_INTEGER);
    if (!Array.isArray(entries)) return;
    const owner = REMOTE_OWNER + from;
    for (const entry of entries) {
      const current = live.presenceOwners.get(entry.clientId);
      if (current !== undefined && !current.startsWith(REMOTE_OWNER)) return;
      if (entry.state) live.presenceOwners.set(entry.clientId, owner);
      else live.presenceOwners.delete(entry.clientId);
    }
    awarenessProtocol.applyAwarenessUpdate(live.awareness, update, RELAY_ORIGIN);
  }

  private scheduleCatchUp(live: LiveDocument, delayMs: number): void {
    if (!this.bus.shared || live.catchUpTimer || live.doc.isDestroyed) return;
    live.catchUpTimer = setTimeout(() => {
      live.catchUpTimer = null;
      void this.catchUp(live);
    }, delayMs);
    live.catchUpTimer.unref();
  }

  /**
   * Reads what other instances stored since this document was loaded (and their newer snapshot, if one compacted)
   * and applies it; what it changed goes to this instance's members. Not stored again: it is stored. Retried with
   * backoff while changes still wait for a missing one (its instance may not have committed it yet).
   */
  private async catchUp(live: LiveDocument): Promise<void> {
    if (this.docs.get(live.name) !== live) return;
    let stored;
    try {
      stored = await this.persistence.since(live.name, live.catchUpFloor, live.snapshotRevision);
    } catch (err) {
      this.logger.warn(`Catching up ${live.name} failed, retrying: ${String(err)}`);
      this.scheduleCatchUp(live, 2000);
      return;
    }
    if (this.docs.get(live.name) !== live) return;
    const changes: Uint8Array[] = [];
    const capture = (update: Uint8Array) => changes.push(update);
    live.doc.on('update', capture);
    try {
      Y.transact(
        live.doc,
        () => {
          if (stored.snapshot) Y.applyUpdate(live.doc, stored.snapshot);
          for (const update of stored.updates) Y.applyUpdate(live.doc, update);
        },
        RELAY_ORIGIN,
      );
    } finally {
      live.doc.off('update', capture);
    }
    for (const update of changes) this.broadcast(live, syncUpdateMessage(update), null);
    if (stored.snapshot) live.snapshotRevision = stored.revision;
    // Rows now known to be in this document: its next compaction may fold them in and delete them.
    const known = new Set(live.storedRowIds);
    for (const id of stored.updateIds) if (!known.has(id)) live.storedRowIds.push(id);
    const { pendingStructs, pendingDs } = live.doc.store;
    if (live.loadedWithPending || (!pendingStructs && !pendingDs)) {
      live.catchUpAttempts = 0;
      return;
    }
    live.catchUpAttempts += 1;
    if (live.catchUpAttempts < MAX_CATCH_UP_ATTEMPTS) this.scheduleCatchUp(live, CATCH_UP_AFTER_GAP_MS * 2 ** live.catchUpAttempts);
    else if (live.catchUpAttempts === MAX_CATCH_UP_ATTEMPTS) {
      this.logger.error(`${live.name} waits for changes of another instance that are neither relayed nor stored`);
    }
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
        for (const { update, decoded, origin } of batch) {
          // Checked against the document as the updates before it in this turn left it.
          const refusal = this.refusalOf(live, decoded) ?? (this.integrate(live, update, origin) ? null : INCOMPLETE);
          if (refusal) origin.emit(COLLAB_EVENTS.error, { ...refusal, docName: live.name } satisfies CollabError);
          // A writer whose update was kept in part still hears that the part is durable.
          if (!refusal || refusal === INCOMPLETE) writers.add(origin);
        }
      });
      return writers;
    });
    // Writers whose updates changed nothing, or were refused, hear `saved` once what came before is stored.
    for (const { origin } of batch) this.settle(live, origin);
  }

  /** Checked against the document as it is when the update is applied (after the updates before it in its turn). */
  private refusalOf(live: LiveDocument, decoded: DecodedUpdate): UpdateRefusal | null {
    const shape = checkUpdateShape(decoded, live.doc);
    if (!shape.ok) return { code: 'unsupported_content', message: `The update was refused: ${shape.reason}` };
    const problem = integrityProblem(live.doc, decoded);
    return problem ? { code: 'invalid_update', message: `The update was refused: ${problem}` } : null;
  }

  /**
   * Applies a checked update; false when Yjs still did not integrate all of it (the checks missed a case). What did
   * integrate stays (the caller stores it); what Yjs would have parked as pending is dropped, and structs already
   * pending from before (see `load`) are kept aside meanwhile, so this update is judged on its own.
   */
  private integrate(live: LiveDocument, update: Uint8Array, origin: Socket): boolean {
    const store = live.doc.store;
    const parked = { structs: store.pendingStructs, ds: store.pendingDs };
    store.pendingStructs = null;
    store.pendingDs = null;
    let complete = true;
    try {
      Y.applyUpdate(live.doc, update, origin);
    } catch (err) {
      complete = false;
      this.logger.error(`An update to ${live.name} passed the checks but failed in Yjs: ${String(err)}`);
    }
    if (store.pendingStructs || store.pendingDs) {
      complete = false;
      this.logger.error(`An update to ${live.name} passed the checks but left changes pending`);
    }
    store.pendingStructs = parked.structs;
    store.pendingDs = parked.ds;
    return complete;
  }

  /** One y-protocols message to every member of a document, except the connection it came from. */
  private broadcast(live: LiveDocument, message: Buffer, except: Socket | null): void {
    if (!this.namespace) return;
    const recipients: Socket[] = [];
    for (const member of live.members.values()) if (member.socket !== except) recipients.push(member.socket);
    broadcastPrebuilt(this.namespace, recipients, COLLAB_EVENTS.y, live.name, message);
  }

  private onAwarenessUpdate(live: LiveDocument, changes: { added: number[]; updated: number[]; removed: number[] }): void {
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    if (!changed.length) return;
    // Another instance's member whose presence timed out (its instance stopped relaying): the id is free again.
    for (const id of changes.removed) if (live.presenceOwners.get(id)?.startsWith(REMOTE_OWNER)) live.presenceOwners.delete(id);
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
   * `saved` goes to the writers of this batch only, once each: readers have nothing pending, and with hundreds of
   * people on a document a room-wide `saved` per commit would double the messages the server sends.
   */
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
    if (this.dueForCompaction(live)) void this.compact(live, false);
    if (Date.now() - live.lastVersionAt >= this.config.COLLAB_AUTO_VERSION_MINUTES * 60_000) void this.autoVersion(live);
  }

  /**
   * Automatic snapshots while a document is being edited, so earlier states can be read and restored. Instances
   * holding the same document skip a period another one already covered; at unload only a version taken at the same
   * moment counts, so the last holder keeps the final state.
   */
  private async autoVersion(live: LiveDocument, atUnload = false): Promise<void> {
    if (!live.changedSinceVersion) return;
    live.changedSinceVersion = false;
    live.lastVersionAt = Date.now();
    const withinMs = atUnload ? UNLOAD_VERSION_OVERLAP_MS : this.config.COLLAB_AUTO_VERSION_MINUTES * 60_000 * 0.9;
    await this.versions
      .saveAutomatic(live.name, Y.encodeStateAsUpdate(live.doc), withinMs)
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
    this.bus.unsubscribe(relayChannel(live.name));
    try {
      await this.flush();
      await this.autoVersion(live, true);
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

const INCOMPLETE: UpdateRefusal = { code: 'invalid_update', message: 'Part of the update could not be applied; the rest was kept' };

/** Each writing client's clock before an update, to tell afterwards what of it the document kept. */
function clientStates(doc: Y.Doc, decoded: DecodedUpdate): Map<number, number> {
  const states = new Map<number, number>();
  for (const struct of decoded.structs)
    if (!states.has(struct.id.client)) states.set(struct.id.client, Y.getState(doc.store, struct.id.client));
  return states;
}
