import type { FeedbackInput } from '../../domain/feedback.js';
import type { InferenceEventInput } from '../../domain/inference-event.js';
import type { OutcomeInput } from '../../domain/outcome.js';
import type { ScoreInput } from '../../domain/score.js';

/** Records the simulator produced for one interval, each in the wire (input) format of its endpoint. */
export interface DemoBatch {
  readonly events: InferenceEventInput[];
  readonly outcomes: OutcomeInput[];
  readonly feedback: FeedbackInput[];
  readonly scores: ScoreInput[];
}

/** A record that arrives after its event; its `timestamp` (epoch ms) is when it is delivered. */
export type DelayedRecord =
  | { readonly kind: 'outcome'; readonly record: OutcomeInput & { timestamp: number } }
  | { readonly kind: 'feedback'; readonly record: FeedbackInput & { timestamp: number } }
  | { readonly kind: 'score'; readonly record: ScoreInput & { timestamp: number } };

/** One simulated request: its event now, and what follows it later. */
export interface GeneratedRequest {
  readonly event: InferenceEventInput;
  readonly later: readonly DelayedRecord[];
}

/** A new empty batch. */
export function emptyDemoBatch(): DemoBatch {
  return { events: [], outcomes: [], feedback: [], scores: [] };
}
