#!/bin/bash
# Same-load A/B of the drift benchmarks against an earlier commit: on a shared machine absolute
# times swing with the load, so the old and the new build run alternately, under the same load.
#
#   bench/drift/ab-against-commit.sh <commit> a|b|c [reps]
#
# Builds packages/core and packages/server of <commit> into $MW_AB_DIR (default /tmp/mw-ab-<commit>,
# node_modules linked to this checkout's, @modelwatch/core to the old core), then:
#   a  the core datasetDrift, old and new in one process, 356k × 356k rows × 50 columns, median of 5
#      (results must be deep-equal);
#   b  `modelwatch drift ref.parquet cur.parquet --json` of bench (b), old CLI then new CLI, under
#      /usr/bin/time -v (wall, CPU, peak RSS; the JSON reports must be equal apart from the paths);
#   c  `modelwatch drift profile big.parquet --out` of bench (c) likewise (profiles equal apart from
#      createdAt).
# The Parquet files come from bench/drift/cli-end-to-end.mjs (run it once first).
set -euo pipefail
COMMIT=${1:?commit}; CASE=${2:?a|b|c}; REPS=${3:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OLD=${MW_AB_DIR:-/tmp/mw-ab-$COMMIT}
DATA=${MW_BENCH_DIR:-/tmp/mw-bench-drift}
if [ ! -f "$OLD/packages/server/dist/cli/main.js" ]; then
  mkdir -p "$OLD/node_modules/@modelwatch"
  git -C "$ROOT" archive "$COMMIT" packages/core packages/server tsconfig.base.json | tar -x -C "$OLD"
  for e in "$ROOT"/node_modules/* "$ROOT"/node_modules/.bin; do
    b=$(basename "$e"); [ "$b" = "@modelwatch" ] || ln -sfn "$e" "$OLD/node_modules/$b"
  done
  ln -sfn "$OLD/packages/core" "$OLD/node_modules/@modelwatch/core"
  (cd "$OLD/packages/server" && "$ROOT/node_modules/.bin/tsc" -b tsconfig.json)
fi
load() { cut -d' ' -f1-3 /proc/loadavg; }

if [ "$CASE" = a ]; then
  node --input-type=module - "$OLD" "$ROOT" <<'JS'
import { isDeepStrictEqual } from 'node:util';
const [oldRoot, newRoot] = process.argv.slice(2);
const { datasetDrift: oldDrift } = await import(`${oldRoot}/packages/core/dist/drift/index.js`);
const { datasetDrift: newDrift } = await import(`${newRoot}/packages/core/dist/drift/index.js`);
const ROWS = 356_000, COLS = 50;
// The columns of bench/drift/dataset-drift.mjs (mulberry32 + Box–Muller).
function column(n, seed, j, current) {
  let state = (seed * 7919 + j * 104_729) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1) >>> 0;
    t = (t ^ (t + (Math.imul(t ^ (t >>> 7), t | 61) >>> 0))) >>> 0;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const shift = current && j % 5 === 0 ? 0.25 : 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u1 = next() || 2 ** -32;
    const u2 = next();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2) + shift;
    out[i] = j % 3 === 0 ? z * 10 + 50 : j % 3 === 1 ? Math.exp(z / 2) : u2 * 100 + shift * 30;
  }
  return out;
}
const ref = {}, cur = {};
for (let j = 0; j < COLS; j++) { ref[`x${j}`] = column(ROWS, 1, j, false); cur[`x${j}`] = column(ROWS, 2, j, true); }
if (!isDeepStrictEqual(oldDrift(ref, cur), newDrift(ref, cur))) { console.log('results DIFFER'); process.exit(1); }
const to = [], tn = [];
for (let r = 0; r < 5; r++) {
  let t0 = performance.now(); oldDrift(ref, cur); to.push(performance.now() - t0);
  t0 = performance.now(); newDrift(ref, cur); tn.push(performance.now() - t0);
}
const med = (v) => [...v].sort((x, y) => x - y)[v.length >> 1];
const { loadavg } = await import('node:os');
console.log(`(a) datasetDrift, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}: old ${med(to).toFixed(0)} ms, new ${med(tn).toFixed(0)} ms, new/old ${(med(tn) / med(to)).toFixed(2)}; results identical`);
JS
  exit 0
fi

for _ in $(seq "$REPS"); do
  for which in old new; do
    if [ $which = old ]; then CLI=$OLD/packages/server/dist/cli/main.js; else CLI=$ROOT/packages/server/dist/cli/main.js; fi
    before=$(load)
    if [ "$CASE" = b ]; then
      /usr/bin/time -v node "$CLI" drift "$DATA/ref-1m-100.parquet" "$DATA/cur-1m-100.parquet" --json "$OLD/report-$which.json" --no-progress 2> "$OLD/time-$which.txt" >/dev/null
    else
      /usr/bin/time -v node "$CLI" drift profile "$DATA/big-10m-20.parquet" --out "$OLD/profile-$which.json" --no-progress 2> "$OLD/time-$which.txt" >/dev/null
    fi
    t=$OLD/time-$which.txt
    echo "($CASE) $which: wall $(grep Elapsed "$t" | awk '{print $NF}'), CPU $(grep 'User time' "$t" | awk '{print $NF}') s user + $(grep 'System time' "$t" | awk '{print $NF}') s sys, peak RSS $(grep 'Maximum resident' "$t" | awk '{print int($NF/1024)}') MB, exit $(grep 'Exit status' "$t" | awk '{print $NF}'), load $before → $(load)"
  done
done
if [ "$CASE" = b ]; then
  node -e "const [a,b]=process.argv.slice(1).map(f=>{const {reference,current,...r}=require(f);return JSON.stringify(r);}); console.log('reports equal apart from the paths:', a===b);" "$OLD/report-old.json" "$OLD/report-new.json"
else
  node -e "const [a,b]=process.argv.slice(1).map(f=>JSON.stringify(require(f),(k,v)=>k==='createdAt'?undefined:v)); console.log('profiles equal apart from createdAt:', a===b);" "$OLD/profile-old.json" "$OLD/profile-new.json"
fi
