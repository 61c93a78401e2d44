import type { LabelSet } from '../../domain/alerting.js';

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;
const SEPARATOR = 0xff;

/**
 * The fingerprint of a label set, as Alertmanager and Prometheus compute it
 * (prometheus/common `model.LabelSet.Fingerprint`): FNV-1a 64 over the label names in sorted order,
 * each name and value followed by the byte 0xff, written as 16 lower-case hex digits. The engine's
 * label sets carry `rule_id`, so the fingerprint identifies (rule, labels); Alertmanager's API
 * returns the same fingerprint for the alert we post (the Alertmanager test checks it).
 * @example alertFingerprint({}) // 'cbf29ce484222325'
 */
export function alertFingerprint(labels: LabelSet): string {
  const encoder = new TextEncoder();
  let hash = OFFSET;
  const add = (bytes: Uint8Array): void => {
    for (const b of bytes) hash = ((hash ^ BigInt(b)) * PRIME) & MASK;
  };
  const sep = new Uint8Array([SEPARATOR]);
  for (const name of Object.keys(labels).sort()) {
    add(encoder.encode(name));
    add(sep);
    add(encoder.encode(labels[name] as string));
    add(sep);
  }
  return hash.toString(16).padStart(16, '0');
}
