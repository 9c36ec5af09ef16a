import * as Y from 'yjs';

/**
 * Counts this client's local changes that the server has not yet confirmed as durable. Each local update
 * advances this client's clock; a `saved` state vector that reaches a recorded clock confirms that change.
 */
export class SaveTracker {
  private unconfirmedClocks: number[] = [];

  constructor(private readonly doc: Y.Doc) {}

  get pending(): number {
    return this.unconfirmedClocks.length;
  }

  recordLocal(): void {
    const clock = Y.getState(this.doc.store, this.doc.clientID);
    const last = this.unconfirmedClocks[this.unconfirmedClocks.length - 1];
    // A change that only deletes does not move the clock; it still counts as one change to confirm.
    this.unconfirmedClocks.push(last !== undefined && clock <= last ? last : clock);
  }

  confirm(durable: Map<number, number>): void {
    const savedClock = durable.get(this.doc.clientID) ?? 0;
    this.unconfirmedClocks = this.unconfirmedClocks.filter((clock) => clock > savedClock);
  }
}
