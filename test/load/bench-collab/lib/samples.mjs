// Growable typed buffers: latency samples and received updates are stored without one JS object each,
// so the load generator's garbage collector stays out of the measured latencies.

export class Samples {
  constructor(capacity = 1 << 16) {
    this.values = new Float64Array(capacity);
    this.length = 0;
  }

  push(value) {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  /** p50, p95, p99 and max, in the unit pushed; nulls when empty. */
  summary() {
    if (this.length === 0) return { count: 0, p50: null, p95: null, p99: null, max: null };
    const sorted = this.values.slice(0, this.length).sort();
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] };
  }
}

/** Byte strings appended to one growing buffer, each behind a 4-byte length. */
export class ByteLog {
  constructor(capacity = 4096) {
    this.buffer = new Uint8Array(capacity);
    this.view = new DataView(this.buffer.buffer);
    this.length = 0;
    this.count = 0;
  }

  push(bytes) {
    const needed = this.length + 4 + bytes.byteLength;
    if (needed > this.buffer.length) {
      let size = this.buffer.length * 2;
      while (size < needed) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
      this.view = new DataView(grown.buffer);
    }
    this.view.setUint32(this.length, bytes.byteLength, true);
    this.buffer.set(bytes, this.length + 4);
    this.length = needed;
    this.count++;
  }

  *entries() {
    let pos = 0;
    while (pos < this.length) {
      const size = this.view.getUint32(pos, true);
      yield this.buffer.subarray(pos + 4, pos + 4 + size);
      pos += 4 + size;
    }
  }

  clear() {
    this.length = 0;
    this.count = 0;
  }
}
