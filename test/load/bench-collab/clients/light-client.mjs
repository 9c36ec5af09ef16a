// What the three light clients share: the open/synced handshake bookkeeping and the callbacks the generator sets.

export class LightClient {
  /**
   * @param {object} options
   * @param {string} options.url server base URL (http://host:port)
   * @param {string} options.docName
   * @param {string} [options.token]
   * @param {(update: Uint8Array, syncType: number, now: number) => void} [options.onUpdate] every sync step 2 and update
   * @param {(stateVector: Uint8Array, now: number) => void} [options.onSaved] Minga's durable-state acknowledgements
   */
  constructor(options) {
    this.options = options;
    this.docName = options.docName;
    /** performance.now() at: open() called, transport open, join sent, sync step 2 received. */
    this.times = { start: 0, opened: 0, joined: 0, synced: 0 };
    this.synced = false;
    this.closing = false;
    this.lostConnection = false;
    this.serverErrors = [];
    this.settle = null;
  }

  /** Connects, joins and resolves once the server's sync step 2 arrived. */
  open(timeoutMs = 30_000) {
    this.times.start = performance.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error(`${this.docName}: not synced within ${timeoutMs} ms`)), timeoutMs);
      this.settle = (err) => {
        clearTimeout(timer);
        this.settle = null;
        if (err) reject(err);
        else resolve(this.times);
      };
      this.connect();
    });
  }

  /** Called by subclasses for each sync message; the first step 2 completes open(). */
  received(syncType, update) {
    const now = performance.now();
    if (syncType === 1 && !this.synced) {
      this.synced = true;
      this.times.synced = now;
      this.options.onUpdate?.(update, syncType, now);
      this.settle?.(null);
      return;
    }
    this.options.onUpdate?.(update, syncType, now);
  }

  fail(err) {
    if (this.settle) this.settle(err);
    else if (!this.closing) this.lostConnection = true;
  }
}
