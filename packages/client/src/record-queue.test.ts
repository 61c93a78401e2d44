import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordQueue } from './record-queue.js';

describe('RecordQueue', () => {
  it('property: behaves like an array under push, shift and take', () => {
    const op = fc.oneof(
      fc.constant<{ op: 'push' }>({ op: 'push' }),
      fc.constant<{ op: 'shift' }>({ op: 'shift' }),
      fc.record({ op: fc.constant<'take'>('take'), n: fc.integer({ min: 0, max: 3000 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const queue = new RecordQueue();
        const model: number[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o.op === 'push') {
            // Pushing in bulk exercises the compaction past 1024 consumed items.
            for (let i = 0; i < 40; i++) {
              seq += 1;
              queue.push({ seq, requestId: String(seq), json: '{}' });
              model.push(seq);
            }
          } else if (o.op === 'shift') {
            expect(queue.shift()?.seq).toBe(model.shift());
          } else {
            expect(queue.take(o.n).map((r) => r.seq)).toEqual(model.splice(0, o.n));
          }
          expect(queue.length).toBe(model.length);
          expect(queue.peek()?.seq).toBe(model[0]);
        }
      }),
    );
  });
});
