import type { DelayedRecord } from './demo-batch.js';

interface Entry {
  readonly due: number;
  readonly seq: number;
  readonly item: DelayedRecord;
}

/**
 * A min-heap of delayed records ordered by delivery time, then by insertion order, so records
 * due at the same millisecond come out in the order they were scheduled.
 */
export class DelayedQueue {
  private readonly heap: Entry[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(item: DelayedRecord): void {
    const heap = this.heap;
    heap.push({ due: item.record.timestamp, seq: this.seq++, item });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as Entry, heap[parent] as Entry)) break;
      [heap[i], heap[parent]] = [heap[parent] as Entry, heap[i] as Entry];
      i = parent;
    }
  }

  /** Removes and returns, in order, every record due at or before `untilMs`. */
  popDue(untilMs: number): DelayedRecord[] {
    const out: DelayedRecord[] = [];
    while (this.heap.length > 0 && (this.heap[0] as Entry).due <= untilMs) out.push(this.pop());
    return out;
  }

  private pop(): DelayedRecord {
    const heap = this.heap;
    const top = heap[0] as Entry;
    const last = heap.pop() as Entry;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l] as Entry, heap[m] as Entry)) m = l;
        if (r < heap.length && before(heap[r] as Entry, heap[m] as Entry)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m] as Entry, heap[i] as Entry];
        i = m;
      }
    }
    return top.item;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}
