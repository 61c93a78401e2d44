// Child process of duckdb-durability.test.ts: opens the BUILT DuckDbStore on argv[2] with a small
// background-checkpoint threshold, appends batches of 500 events with ids `<round>-<batch>-<i>`
// and sends `{ acked: batch }` over IPC after each append resolves, until the parent kills it.
import { DuckDbStore } from '../../../dist/storage/duckdb/duckdb-store.js';

const [path, round] = process.argv.slice(2);
const store = new DuckDbStore({ path, checkpointWalBytes: 2 * 2 ** 20, idleCheckpointMs: 0, threads: 2 });
await store.open();
const text = 'x'.repeat(600);
for (let batch = 0; ; batch++) {
  const events = Array.from({ length: 500 }, (_, i) => ({
    requestId: `${round}-${batch}-${i}`,
    timestamp: 1_767_225_600_000 + batch * 1000 + i,
    model: 'm',
    version: 'v1',
    variant: 'production',
    segment: { region: i % 2 === 0 ? 'eu' : 'us' },
    inputs: { features: { f: i }, text },
    output: { score: i / 500 },
    latencyMs: 10 + i,
    status: 'ok',
  }));
  await store.appendEvents('p1', events, Date.now());
  process.send({ acked: batch, checkpoints: store.checkpoints });
}
