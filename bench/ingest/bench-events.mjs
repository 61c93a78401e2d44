// The events of the ingest benchmarks: realistic ~1 KB inference events.

/** Placeholder in request ids, overwritten with a batch number per request. */
export const SLOT = '0000000000';

/**
 * Event `i` of a batch (~1 KB as JSON): 17 features, a short prompt and answer, segment, tokens,
 * probabilities; request id `req-<SLOT>-<i>`. Texts contain a number, as real prompts do.
 */
export function benchEvent(i, timestamp) {
  const features = {};
  for (let f = 0; f < 12; f++) features[`num_feature_${f}`] = Math.round(Math.sin(i * 7 + f) * 1e6) / 1e3;
  for (let f = 0; f < 4; f++) features[`cat_feature_${f}`] = ['alpha', 'beta', 'gamma', 'delta'][(i + f) % 4];
  features.is_returning = i % 3 === 0;
  return {
    requestId: `req-${SLOT}-${String(i).padStart(5, '0')}`,
    timestamp,
    model: 'support-bot',
    version: '2026.11.1',
    variant: i % 10 === 0 ? 'canary' : 'production',
    segment: { region: ['eu', 'us', 'apac'][i % 3], tier: i % 5 === 0 ? 'gold' : 'free', channel: 'web' },
    inputs: {
      features,
      text: `Customer asks about the delivery of order ${10_000 + i}: it was due on Monday and has not arrived yet.`,
    },
    output: {
      label: ['refund', 'reship', 'wait'][i % 3],
      probabilities: { refund: 0.2, reship: 0.5, wait: 0.3 },
      score: 0.5,
      text: 'I am sorry about the delay. I have opened a ticket with the carrier and will update you soon.',
    },
    tokens: { input: 180 + (i % 40), output: 60 + (i % 20) },
    latencyMs: 200 + (i % 300),
    costUsd: 0.0012,
  };
}
