import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import * as Y from 'yjs';
import type { DocAccess } from '@minga/contracts';
import type { AuthPrincipal } from '../access/principal';
import { CLUSTER_BUS, type ClusterBus } from '../cluster/cluster-bus';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CollabPersistence } from './collab-persistence.service';
import { DocumentPresence } from './document-presence';
import { DocumentSnapshots } from './document-snapshots';
import { DocumentUpdates, SERVER_ORIGIN, type ReceivedUpdate, type UpdateRefusal } from './document-updates';
import { DocumentVersions } from './document-versions.service';
import { GroupCommit } from './group-commit';
import { InstanceRelay } from './instance-relay';
import type { LiveDocument, Member } from './live-document';
import { MemberFanout } from './member-fanout';
import { OpenDocuments } from './open-documents';
import type { PresenceEntry } from './presence';

/**
 * The documents this process holds open, as the collaboration gateway and the domains see them. The work is done by
 * parts each small enough to read alone:
 * - OpenDocuments: loading once, members, unloading after a grace period (commit and compact first);
 * - DocumentUpdates: editors' updates checked and applied (batched per event-loop turn), and the server's changes;
 * - GroupCommit: updates committed to PostgreSQL in groups, and the `saved` confirmations (nothing confirmed is lost);
 * - DocumentSnapshots: compaction and automatic versions;
 * - InstanceRelay: other instances holding the same document (relay, heartbeats, catching up from the database);
 * - DocumentPresence: cursors and names, bound to their connections;
 * - MemberFanout: sending to this instance's members, each message framed once.
 */
@Injectable()
export class LiveDocuments implements OnApplicationShutdown {
  private readonly logger = new Logger('Collab');
  private readonly fanout = new MemberFanout();
  private readonly relay: InstanceRelay;
  private readonly presence: DocumentPresence;
  private readonly commits: GroupCommit;
  private readonly updates: DocumentUpdates;
  private readonly snapshots: DocumentSnapshots;
  private readonly open: OpenDocuments;

  constructor(
    persistence: CollabPersistence,
    private readonly versions: DocumentVersions,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLUSTER_BUS) bus: ClusterBus,
  ) {
    // The open documents by name: OpenDocuments adds and removes them, the relay looks up those it hears about.
    const docs = new Map<string, LiveDocument>();
    this.relay = new InstanceRelay(bus, persistence, docs, this.fanout);
    this.presence = new DocumentPresence(bus, this.relay, this.fanout);
    // Commits call back into snapshots, which apply a newer snapshot as a change: the one cycle, closed here.
    this.commits = new GroupCommit(persistence, (live) => this.snapshots.afterCommit(live));
    this.updates = new DocumentUpdates(this.relay, this.fanout, this.commits);
    this.snapshots = new DocumentSnapshots(persistence, versions, config, this.updates);
    this.open = new OpenDocuments(docs, persistence, bus, config, this.relay, this.presence, this.commits, this.snapshots);
  }

  attach(namespace: Namespace): void {
    this.fanout.attach(namespace);
  }

  get(name: string): LiveDocument | undefined {
    return this.open.get(name);
  }

  /** Loads a document once, however many clients join it at the same moment. */
  acquire(name: string): Promise<LiveDocument> {
    return this.open.acquire(name);
  }

  addMember(live: LiveDocument, socket: Socket, person: AuthPrincipal, access: DocAccess): void {
    this.open.addMember(live, socket, person, access);
  }

  removeMember(live: LiveDocument, socketId: string): void {
    this.open.removeMember(live, socketId);
  }

  /** An editor's update; null once applied, or why it was refused (see DocumentUpdates.applyUpdate). */
  applyUpdate(live: LiveDocument, received: ReceivedUpdate, origin: Socket, message: Uint8Array): UpdateRefusal | null {
    return this.updates.applyUpdate(live, received, origin, message);
  }

  /** A message numbered `seq` (see `COLLAB_EVENTS.y`) arrived from `socket`; call before handling it. */
  noteReceived(live: LiveDocument, socket: Socket, seq: number): void {
    this.commits.noteReceived(live, socket, seq);
  }

  /** After a numbered message that stored nothing: its writer hears `saved` once what came before is stored. */
  settle(live: LiveDocument, socket: Socket): void {
    this.commits.settle(live, socket);
  }

  /** A connection's presence; null once applied, or why it was refused (see DocumentPresence.apply). */
  applyPresence(live: LiveDocument, member: Member, entries: PresenceEntry[]): string | null {
    return this.presence.apply(live, member, entries);
  }

  /** Answers a client's sync step 1 and returns how many bytes that sent (see MemberFanout.sendSyncAnswer). */
  sendSyncAnswer(live: LiveDocument, socket: Socket, stateVector: Uint8Array): number {
    return this.fanout.sendSyncAnswer(live, socket, stateVector);
  }

  /** Resolves once everything received so far is committed (used before unload and at shutdown). */
  flush(): Promise<void> {
    return this.commits.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    // Commit what is pending, but do not hang a shutdown forever on a database that is gone.
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
    await Promise.race([this.flush(), timeout]).catch((err: unknown) => this.logger.error(`Final flush failed: ${String(err)}`));
    this.open.closeAll();
  }

  /** The whole current state of a document, open or not. */
  async currentState(name: string): Promise<Uint8Array> {
    const live = this.open.get(name);
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
    const live = this.open.get(name);
    if (live) return read(live.doc);
    const doc = await this.versions.storedDoc(name);
    try {
      return read(doc);
    } finally {
      doc.destroy();
    }
  }

  /**
   * Sends a JSON event to everyone who has the document open (comments, suggestions), on every instance. Members
   * only: their access was decided at join and is re-decided on every role change. Encoded and framed once for all.
   */
  emitToMembers(name: string, event: string, ...args: unknown[]): void {
    this.relay.publishEvent(name, event, args);
    this.fanout.emitToLocalMembers(this.open.get(name), event, args);
  }

  /**
   * Changes a document on the server (restoring a version, accepting a suggestion): the change goes through the
   * live document, so every open client receives it and it is stored like any edit. Resolves once it is durable.
   */
  async change<T = void>(name: string, apply: (doc: Y.Doc) => T): Promise<T> {
    const live = await this.acquire(name);
    try {
      let result!: T;
      this.updates.capturedChange(live, () => {
        Y.transact(live.doc, () => (result = apply(live.doc)), SERVER_ORIGIN);
        return [];
      });
      await this.flush();
      return result;
    } finally {
      if (live.members.size === 0) this.open.scheduleUnload(live);
    }
  }
}
