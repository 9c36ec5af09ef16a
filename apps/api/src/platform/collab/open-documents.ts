import { Logger } from '@nestjs/common';
import type { Socket } from 'socket.io';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { COLLAB_EVENTS, presenceUserOf, type DocAccess } from '@minga/contracts';
import type { AuthPrincipal } from '../access/principal';
import type { ClusterBus } from '../cluster/cluster-bus';
import type { AppConfig } from '../config/app-config';
import type { CollabPersistence } from './collab-persistence.service';
import type { DocumentPresence } from './document-presence';
import type { DocumentSnapshots } from './document-snapshots';
import type { GroupCommit } from './group-commit';
import type { InstanceRelay } from './instance-relay';
import { LiveDocument } from './live-document';
import { awarenessMessage, syncStep1Message } from './y-messages';

/**
 * The documents this instance holds open: each is loaded once however many people open it at the same moment, kept
 * while it has members (and a grace period after the last one leaves), and unloaded only after what it holds is
 * committed and compacted.
 */
export class OpenDocuments {
  private readonly logger = new Logger('Collab');
  private readonly loading = new Map<string, Promise<LiveDocument>>();
  private readonly unloading = new Map<string, Promise<void>>();
  /** Tells each load apart in relay messages, so a reload's count starting over is not taken for a gap. */
  private loads = 0;

  /** `docs`: the open documents by name, which this class alone adds and removes (the relay reads them too). */
  constructor(
    private readonly docs: Map<string, LiveDocument>,
    private readonly persistence: CollabPersistence,
    private readonly bus: ClusterBus,
    private readonly config: AppConfig,
    private readonly relay: InstanceRelay,
    private readonly presence: DocumentPresence,
    private readonly commits: GroupCommit,
    private readonly snapshots: DocumentSnapshots,
  ) {}

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
    this.presence.memberLeft(live, member);
    if (live.members.size === 0) this.scheduleUnload(live);
  }

  scheduleUnload(live: LiveDocument): void {
    this.cancelUnload(live);
    live.unloadTimer = setTimeout(() => {
      live.unloadTimer = null;
      // A copy already unloaded (and maybe replaced by a new load) is not this registry's to unload again.
      if (live.members.size > 0 || this.unloading.has(live.name) || this.docs.get(live.name) !== live) return;
      const unload = this.unload(live).finally(() => this.unloading.delete(live.name));
      this.unloading.set(live.name, unload);
    }, this.config.COLLAB_UNLOAD_GRACE_SECONDS * 1000);
    live.unloadTimer.unref();
  }

  /** At shutdown, once what was pending is committed (or the wait for it gave up). */
  closeAll(): void {
    for (const live of this.docs.values()) live.destroy();
    this.docs.clear();
  }

  private async load(name: string): Promise<LiveDocument> {
    // Subscribed before the database is read (see InstanceRelay.listen).
    await this.relay.listen(name);
    let stored;
    try {
      stored = await this.persistence.load(name);
    } catch (err) {
      this.relay.abandon(name);
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
    this.presence.watch(live);
    this.docs.set(name, live);
    this.relay.opened(live);
    return live;
  }

  private cancelUnload(live: LiveDocument): void {
    if (live.unloadTimer) clearTimeout(live.unloadTimer);
    live.unloadTimer = null;
  }

  /** Unloading commits what is pending, compacts, and only then forgets the document. */
  private async unload(live: LiveDocument): Promise<void> {
    this.docs.delete(live.name);
    this.relay.unsubscribe(live.name);
    try {
      await this.commits.flush();
      await this.snapshots.autoVersion(live, true);
      if (live.storedRowIds.length > 0) await this.snapshots.compact(live, true);
    } finally {
      live.destroy();
    }
  }
}
