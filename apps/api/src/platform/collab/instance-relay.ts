import { Logger } from '@nestjs/common';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { COLLAB_EVENTS } from '@minga/contracts';
import type { ClusterBus } from '../cluster/cluster-bus';
import type { CollabPersistence } from './collab-persistence.service';
import { decodeRelay, encodeRelay, relayChannel, RELAY_EVENT, RELAY_HEARTBEAT, RELAY_UPDATE, type RelayMessage } from './document-relay';
import type { LiveDocument } from './live-document';
import type { MemberFanout } from './member-fanout';
import { decodePresence } from './presence';
import { syncUpdateMessage } from './y-messages';

/** Transaction origin of changes that other instances' clients made (stored by those instances). */
const RELAY_ORIGIN = 'minga-relay';
/** Presence owner of client ids whose connection is on another instance (prefix; the instance follows). */
export const REMOTE_OWNER = 'remote:';

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

/**
 * Other instances holding the same document, over the cluster bus (see document-relay for the messages). Delivery is
 * at most once, so the database stays the truth: each instance stores its own clients' changes, and a gap in a
 * sender's count, a relayed update Yjs cannot integrate, or Redis coming back makes the document catch up from it.
 */
export class InstanceRelay {
  private readonly logger = new Logger('Collab');
  /** Relay messages that arrived for a document while it was loading, handled once it is open. */
  private readonly earlyRelays = new Map<string, RelayMessage[]>();

  /** `docs`: the documents open on this instance (OpenDocuments adds and removes them). */
  constructor(
    private readonly bus: ClusterBus,
    private readonly persistence: CollabPersistence,
    private readonly docs: ReadonlyMap<string, LiveDocument>,
    private readonly fanout: MemberFanout,
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

  /**
   * Called before a document is read from the database: what other instances holding it relay from now on is heard
   * (and kept until the document is open); what they relayed before is stored, or caught up with by `opened`.
   */
  listen(name: string): Promise<void> {
    this.earlyRelays.set(name, []);
    return this.bus.subscribe(relayChannel(name), (bytes) => this.onRelay(name, bytes));
  }

  /** The load after `listen` failed. */
  abandon(name: string): void {
    this.earlyRelays.delete(name);
    this.bus.unsubscribe(relayChannel(name));
  }

  /** The document is open (in `docs`): what was heard while it loaded is applied, then it catches up. */
  opened(live: LiveDocument): void {
    const early = this.earlyRelays.get(live.name) ?? [];
    this.earlyRelays.delete(live.name);
    for (const message of early) this.receiveRelay(live, message);
    this.scheduleCatchUp(live, CATCH_UP_AFTER_LOAD_MS);
  }

  /** The document is unloading. */
  unsubscribe(name: string): void {
    this.bus.unsubscribe(relayChannel(name));
  }

  /** Tells the other instances holding the document (none without Redis). */
  publish(live: LiveDocument, kind: RelayMessage['kind'], payload: Uint8Array): void {
    if (!this.bus.shared) return;
    // Counted even when Redis is away and the message is dropped: the receivers see the gap and catch up.
    live.relaySeq += 1;
    this.bus.publish(relayChannel(live.name), encodeRelay({ kind, from: live.relayId, seq: live.relaySeq, payload }));
    if (live.heartbeatTimer) clearTimeout(live.heartbeatTimer);
    live.heartbeatTimer = setTimeout(() => this.sendHeartbeat(live), HEARTBEAT_AFTER_MS);
    live.heartbeatTimer.unref();
  }

  /**
   * A JSON event for the members of a document on other instances; outside the document's message count (this
   * instance may not hold it).
   */
  publishEvent(name: string, event: string, args: unknown[]): void {
    if (!this.bus.shared) return;
    const payload = Buffer.from(JSON.stringify([event, ...args]));
    this.bus.publish(relayChannel(name), encodeRelay({ kind: RELAY_EVENT, from: this.bus.instanceId, seq: 0, payload }));
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
      if (Array.isArray(parsed) && typeof parsed[0] === 'string') {
        this.fanout.emitToLocalMembers(this.docs.get(live.name), parsed[0], parsed.slice(1));
      }
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
    this.fanout.broadcast(live, syncUpdateMessage(update), null);
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
    for (const update of changes) this.fanout.broadcast(live, syncUpdateMessage(update), null);
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
}
