/**
 * Int32 arrays carved out of one backing store. A typed array over 64 bytes gets its own
 * off-heap buffer, which costs far more to create than a view of an existing one; a sticky
 * run needs a dozen arrays, so a small group would spend much of its call allocating them.
 */
export class IntArena {
  private readonly buffer: Int32Array;
  private used = 0;

  constructor(capacity: number) {
    this.buffer = new Int32Array(capacity);
  }

  /** A zeroed array of `length` numbers (filled with `fill` if given); a new one past the end. */
  take(length: number, fill?: number): Int32Array {
    const start = this.used;
    const view =
      start + length <= this.buffer.length
        ? this.buffer.subarray(start, (this.used = start + length))
        : new Int32Array(length);
    if (fill !== undefined && fill !== 0) view.fill(fill);
    return view;
  }
}
