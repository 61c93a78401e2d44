/**
 * A bounded set of the most recently stored keys, evicted first-in first-out: the idempotency
 * window of event request ids. A ring buffer remembers insertion order, so eviction is O(1)
 * (deleting the oldest entry of a JS `Set` through its iterator is not).
 */
export class RecentIds {
  readonly #ids = new Set<string>();
  readonly #ring: (string | undefined)[];
  #head = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 16_000_000) {
      throw new RangeError(`RecentIds: capacity must be an integer in [1, 16 000 000] (got ${capacity})`);
    }
    this.#ring = new Array<string | undefined>(capacity);
  }

  get size(): number {
    return this.#ids.size;
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  /** Remembers `id` (no-op when already present), evicting the oldest id when full. */
  add(id: string): void {
    if (this.#ids.has(id)) return;
    const evicted = this.#ring[this.#head];
    if (evicted !== undefined) this.#ids.delete(evicted);
    this.#ring[this.#head] = id;
    this.#head = (this.#head + 1) % this.capacity;
    this.#ids.add(id);
  }
}
