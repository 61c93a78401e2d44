import type { Store } from '../../storage/store.js';
import type { EvaluatorStep } from './evaluator-loop.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The evaluator step that enforces `retention.rawEventsDays`: at most once an hour it rolls raw
 * events older than that into the hourly aggregates and deletes them (with their outcomes,
 * feedback and scores), for every project. `onDeleted` hears how many went.
 */
export function retentionStep(
  store: Pick<Store, 'deleteEventsBefore'>,
  rawEventsDays: number,
  onDeleted: (deletedEvents: number, cutoff: number) => void = () => undefined,
): EvaluatorStep {
  if (!(Number.isInteger(rawEventsDays) && rawEventsDays > 0)) {
    throw new RangeError(`retentionStep: rawEventsDays must be an integer > 0 (got ${rawEventsDays})`);
  }
  let last = Number.NEGATIVE_INFINITY;
  return {
    name: 'retention',
    run: async (now) => {
      if (now - last < HOUR_MS) return;
      last = now;
      const result = await store.deleteEventsBefore(undefined, now - rawEventsDays * DAY_MS);
      if (result.deletedEvents > 0) onDeleted(result.deletedEvents, result.cutoff);
    },
  };
}
