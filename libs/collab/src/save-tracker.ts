import * as Y from 'yjs';

/** One local change the server has not yet confirmed as durable. */
interface Unconfirmed {
  /** This client's clock after the change (a change that only deletes does not move it). */
  clock: number;
  /** The number of the message that carried it on the current connection; null while it was not sent. */
  seq: number | null;
}

/**
 * Counts this client's local changes that the server has not yet confirmed as durable. The server confirms by
 * message number (`saved`'s third argument: everything this connection sent up to that number is stored), which
 * covers every kind of change; a server that sends only a state vector confirms by clock, which cannot tell that a
 * change which only deletes is stored.
 */
export class SaveTracker {
  private unconfirmed: Unconfirmed[] = [];

  constructor(private readonly doc: Y.Doc) {}

  get pending(): number {
    return this.unconfirmed.length;
  }

  /** A local change, sent as message `seq`, or not sent yet (null). */
  recordLocal(seq: number | null): void {
    const clock = Y.getState(this.doc.store, this.doc.clientID);
    const last = this.unconfirmed[this.unconfirmed.length - 1];
    this.unconfirmed.push({ clock: last !== undefined && clock <= last.clock ? last.clock : clock, seq });
  }

  /**
   * Every unconfirmed change now travels in message `seq` (the answer to the server's sync step 1 on a new
   * connection holds everything the server lacks); numbers of an earlier connection mean nothing any more.
   */
  sentAllIn(seq: number): void {
    for (const change of this.unconfirmed) change.seq = seq;
  }

  /** The server stored everything this connection sent up to message `seq`. */
  confirmThrough(seq: number): void {
    this.unconfirmed = this.unconfirmed.filter((change) => change.seq === null || change.seq > seq);
  }

  /** The server stored what `durable` (a state vector) covers: by clock only. */
  confirm(durable: Map<number, number>): void {
    const savedClock = durable.get(this.doc.clientID) ?? 0;
    this.unconfirmed = this.unconfirmed.filter((change) => change.clock > savedClock);
  }
}
