/**
 * A budget that refills at a steady rate up to a ceiling. `take` spends one unit if one is there (messages);
 * `spend` charges a cost that may exceed what is left, leaving a debt that must refill before the next request
 * (bytes: a 20 MB document can always be sent once, then its reader waits as long as those bytes are worth).
 */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number = ratePerSecond * 2,
  ) {
    this.tokens = burst;
  }

  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whether anything is left: a request whose cost is known only once served asks this first, then `spend`s. */
  available(): boolean {
    this.refill();
    return this.tokens > 0;
  }

  spend(cost: number): void {
    this.refill();
    this.tokens -= cost;
  }

  /** How long until something is left again (0 when something is left now): a debt's wait. */
  msUntilAvailable(): number {
    this.refill();
    return this.tokens > 0 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }

  /** Whether the bucket is back at its ceiling, i.e. remembers nothing of what was spent. */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }
}
