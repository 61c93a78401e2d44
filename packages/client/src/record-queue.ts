/** A record waiting to be sent: its JSON, serialised when it was logged. */
export interface QueuedRecord {
  /** Order of logging across all kinds; `flush()` waits for every seq up to its call. */
  readonly seq: number;
  readonly requestId: string;
  readonly json: string;
}

/** A FIFO of records with O(1) push, shift and batch take (an array with a moving head). */
export class RecordQueue {
  #items: QueuedRecord[] = [];
  #head = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  /** The oldest record, or undefined when empty. */
  peek(): QueuedRecord | undefined {
    return this.#items[this.#head];
  }

  push(record: QueuedRecord): void {
    this.#items.push(record);
  }

  shift(): QueuedRecord | undefined {
    const record = this.#items[this.#head];
    if (record === undefined) return undefined;
    this.#head += 1;
    this.#compact();
    return record;
  }

  /** Removes and returns up to `n` oldest records. */
  take(n: number): QueuedRecord[] {
    const end = Math.min(this.#items.length, this.#head + n);
    const batch = this.#items.slice(this.#head, end);
    this.#head = end;
    this.#compact();
    return batch;
  }

  #compact(): void {
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }
}
