// Benchmark: redactPii on 1 MB of mixed text and on adversarial near-misses at n and 4n
// characters; the ratio of times shows whether the scan stays linear (≈ 4) rather than
// quadratic (≈ 16). Tests check only the outputs; timings live here.
//
//   npx tsc -b packages/core && node bench/metrics/pii-redaction.mjs
import { redactPii } from '../../packages/core/dist/metrics/index.js';

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeMs(text, runs = 5) {
  redactPii(text);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    redactPii(text);
    times.push(performance.now() - t0);
  }
  return median(times);
}

const chunk = 'User jane.doe@example.com paid with 4111 1111 1111 1111 from 192.168.0.10 on 2024-01-15; ';
const prose = 'The quick brown fox jumps over the lazy dog while the model answers politely. ';
let mixed = '';
while (mixed.length < 1_000_000) mixed += chunk + prose.repeat(5);
console.log(`mixed text, 1 MB: ${timeMs(mixed).toFixed(1)} ms`);

const adversarial = {
  'a…a@': (n) => `${'a'.repeat(n)}@`,
  '@a.a.…': (n) => `@${'a.'.repeat(n / 2)}`,
  '1 1 …': (n) => '1 '.repeat(n / 2),
  'f:f:…': (n) => 'f:'.repeat(n / 2),
  'DE89…': (n) => 'DE89'.repeat(n / 4),
};
console.log('input                n=50k ms   n=200k ms   ratio (4 = linear, 16 = quadratic)');
for (const [name, make] of Object.entries(adversarial)) {
  const small = timeMs(make(50_000));
  const large = timeMs(make(200_000));
  console.log(
    `${name.padEnd(20)} ${small.toFixed(1).padStart(8)} ${large.toFixed(1).padStart(11)}   ${(large / small).toFixed(2)}`,
  );
}
