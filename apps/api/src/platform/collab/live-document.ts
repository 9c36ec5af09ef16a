import type { Socket } from 'socket.io';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocAccess, PresenceUser } from '@minga/contracts';
import type { PrebuiltEvent } from '../realtime/prebuilt-broadcast';
import type { DecodedUpdate } from './update-integrity';

export interface Member {
  socket: Socket;
  userId: string;
  /** Who this connection's presence entries show, whatever the client writes in them. */
  user: PresenceUser;
  access: DocAccess;
  /** Awareness client ids this connection published, removed when it leaves. */
  awarenessClients: Set<number>;
}

/** One document held in memory while someone has it open. */
export class LiveDocument {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly members = new Map<string, Member>();
  /** Which connection each presence client id belongs to: the first to use an id owns it until it leaves. */
  readonly presenceOwners = new Map<number, string>();
  /** Per connection: the number of its last change-carrying message received, and of the last one settled. */
  readonly receivedSeqs = new Map<string, number>();
  readonly settledSeqs = new Map<string, number>();
  /** Editors' updates received in the current event-loop turn after its first one (which is applied at once). */
  turnBatch: { update: Uint8Array; decoded: DecodedUpdate; origin: Socket }[] = [];
  turnScheduled = false;
  /** Awareness clients changed in the current turn, sent together at its end. */
  readonly awarenessBatch = new Set<number>();
  /** Log rows this document is known to contain (loaded with it or written from it): compaction may delete these. */
  storedRowIds: string[] = [];
  /** The revision of the stored snapshot this document contains. */
  snapshotRevision = 0;
  lastCompactionAt = 0;
  /** When the stored plain text was last brought up to date (load counts as one). */
  textExtractedAt = Date.now();
  /** For automatic versions: when the last one was taken (load counts as one) and whether anything changed since. */
  lastVersionAt = Date.now();
  changedSinceVersion = false;
  compacting: Promise<void> | null = null;
  /** The sync answer for a client that has nothing (the whole document), kept until the document changes. */
  wholeStateAnswer: PrebuiltEvent | null = null;
  /**
   * The stored snapshot the document was loaded from, while it is still the whole document: the first whole-state
   * answer is built from these bytes instead of encoding the document again (tens of milliseconds for 2 MB).
   */
  loadedState: Uint8Array | null = null;
  unloadTimer: NodeJS.Timeout | null = null;
  /** Messages this instance sent other instances about this document (each carries the count, see document-relay). */
  relaySeq = 0;
  /** The last message number heard from each other instance holding this document. */
  readonly remoteSeqs = new Map<string, number>();
  /** The highest log row loaded: catching up with other instances reads the rows after it. */
  catchUpFloor = '0';
  catchUpTimer: NodeJS.Timeout | null = null;
  /** Sends the message count a little after the last message, so a lost last message is noticed (see InstanceRelay). */
  heartbeatTimer: NodeJS.Timeout | null = null;
  catchUpAttempts = 0;

  /** Set while commits of this document fail (the database is unreachable); its members were told once. */
  storageFailing = false;
  /** Stored before updates were checked, it holds changes waiting for others that never came (see `OpenDocuments.load`). */
  loadedWithPending = false;

  /** `relayId`: this load of the document on this instance, as other instances see it in relay messages. */
  constructor(
    readonly name: string,
    readonly relayId = '',
  ) {
    // The server publishes no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('afterTransaction', () => {
      this.wholeStateAnswer = null;
      this.loadedState = null;
    });
  }

  get room(): string {
    return `doc:${this.name}`;
  }

  destroy(): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer);
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
