import { Logger } from '@nestjs/common';
import type { Socket } from 'socket.io';
import * as Y from 'yjs';
import { COLLAB_EVENTS, type CollabError, type CollabErrorCode } from '@minga/contracts';
import { checkUpdateShape } from '@minga/editor';
import { RELAY_UPDATE } from './document-relay';
import type { GroupCommit } from './group-commit';
import type { InstanceRelay } from './instance-relay';
import type { LiveDocument } from './live-document';
import type { MemberFanout } from './member-fanout';
import { integrityProblem, type DecodedUpdate } from './update-integrity';
import { asBuffer, syncUpdateMessage } from './y-messages';

/** Why an editor's update was refused; nothing of it reached the document, the others or the database. */
export interface UpdateRefusal {
  code: CollabErrorCode;
  message: string;
}

/** A client's update as the gateway read it. */
export interface ReceivedUpdate {
  update: Uint8Array;
  decoded: DecodedUpdate;
  syncStep2: boolean;
}

/** Transaction origin of changes made by the server itself. */
export const SERVER_ORIGIN = 'minga-server';

/**
 * Changes entering a document on this instance: editors' updates (checked, applied, batched per event-loop turn) and
 * the server's own changes. Whatever a change put in the document goes out the same three ways, in this order: to
 * the other instances, to the other members here, and into the next group commit.
 */
export class DocumentUpdates {
  private readonly logger = new Logger('Collab');

  constructor(
    private readonly relay: InstanceRelay,
    private readonly fanout: MemberFanout,
    private readonly commits: GroupCommit,
  ) {}

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
        this.relay.publish(live, RELAY_UPDATE, received.update);
        this.fanout.broadcast(live, asBuffer(message), origin);
        this.commits.store(live, received.update, [origin]);
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

  /** A change whose update Yjs encodes (only what it changed), relayed and stored like an edit of `change`'s writers. */
  capturedChange(live: LiveDocument, change: () => Iterable<Socket>): void {
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

  /**
   * An update now in the document goes to the other members at once and into the next group commit. A lone
   * writer does not hear its own update back; a batch of several writers' updates is echoed to them too (Yjs
   * ignores what it already has).
   */
  private accept(live: LiveDocument, update: Uint8Array, writers: Socket[]): void {
    this.relay.publish(live, RELAY_UPDATE, update);
    this.fanout.broadcast(live, syncUpdateMessage(update), writers.length === 1 ? (writers[0] ?? null) : null);
    this.commits.store(live, update, writers);
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
    for (const { origin } of batch) this.commits.settle(live, origin);
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
   * pending from before (see `OpenDocuments.load`) are kept aside meanwhile, so this update is judged on its own.
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
}

const INCOMPLETE: UpdateRefusal = { code: 'invalid_update', message: 'Part of the update could not be applied; the rest was kept' };

/** Each writing client's clock before an update, to tell afterwards what of it the document kept. */
function clientStates(doc: Y.Doc, decoded: DecodedUpdate): Map<number, number> {
  const states = new Map<number, number>();
  for (const struct of decoded.structs)
    if (!states.has(struct.id.client)) states.set(struct.id.client, Y.getState(doc.store, struct.id.client));
  return states;
}
