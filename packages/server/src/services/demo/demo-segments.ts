import type { SeededRandom } from './seeded-random.js';

/** Segment attributes of demo traffic with their traffic shares. */
export const DEMO_REGIONS: readonly (readonly [string, number])[] = [
  ['us-west', 0.35],
  ['us-east', 0.3],
  ['eu-west', 0.2],
  ['ap-south', 0.15],
];
export const DEMO_CHANNELS: readonly (readonly [string, number])[] = [
  ['web', 0.5],
  ['mobile', 0.35],
  ['api', 0.15],
];
export const DEMO_TIERS: readonly (readonly [string, number])[] = [
  ['free', 0.7],
  ['pro', 0.3],
];

/** Segment attributes of one demo caller (a weather station or a support-assistant user). */
export interface DemoSegment {
  readonly region: string;
  readonly channel: string;
  readonly tier: string;
}

/** A caller's segment drawn with the traffic shares above. */
export function demoSegment(rng: SeededRandom): DemoSegment {
  return { region: rng.weighted(DEMO_REGIONS), channel: rng.weighted(DEMO_CHANNELS), tier: rng.weighted(DEMO_TIERS) };
}
