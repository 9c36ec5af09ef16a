import * as awarenessProtocol from 'y-protocols/awareness';
import type { ClusterBus } from '../cluster/cluster-bus';
import { RELAY_PRESENCE } from './document-relay';
import { REMOTE_OWNER, type InstanceRelay } from './instance-relay';
import type { LiveDocument, Member } from './live-document';
import type { MemberFanout } from './member-fanout';
import { encodePresence, type PresenceEntry } from './presence';
import { awarenessMessage } from './y-messages';

/** Presence client ids one connection may use (a provider uses one; a page with several editors, a few). */
const MAX_PRESENCE_CLIENTS_PER_CONNECTION = 4;

/**
 * Who is in a document and where their cursor is (y-protocols awareness), bound to the connections that publish it.
 * Other instances' presence arrives through the relay, which marks its ids as owned by `REMOTE_OWNER`.
 */
export class DocumentPresence {
  constructor(
    private readonly bus: ClusterBus,
    private readonly relay: InstanceRelay,
    private readonly fanout: MemberFanout,
  ) {}

  /** Sends a freshly loaded document's presence changes to its members. */
  watch(live: LiveDocument): void {
    live.awareness.on('update', (changes: { added: number[]; updated: number[]; removed: number[] }) =>
      this.onAwarenessUpdate(live, changes),
    );
  }

  /**
   * Presence bound to its sender: a connection sets or clears only client ids it owns (the first to use an id owns
   * it until it leaves), a few at most, and every state it sets shows the connection's person, whatever it claimed.
   */
  apply(live: LiveDocument, member: Member, entries: PresenceEntry[]): string | null {
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
    this.relay.publish(live, RELAY_PRESENCE, update);
    return null;
  }

  /** A member left (already out of `live.members`): its client ids are free again and their states go, everywhere. */
  memberLeft(live: LiveDocument, member: Member): void {
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
        if (removed.length) this.relay.publish(live, RELAY_PRESENCE, encodePresence(removed));
      }
    }
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
    this.fanout.broadcast(live, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(live.awareness, clients)), null);
  }
}
