/**
 * System-program helpers for server tests: `itWithSystem` (the core test helper: runs when the
 * program is there, fails in CI under MODELWATCH_REQUIRE_SYSTEM=1, skips loudly elsewhere) and
 * `commandPath`, which finds a program on PATH.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export { itWithSystem, REQUIRE_SYSTEM } from '../../core/test/system.js';

/** The absolute path of executable `name` on PATH, or undefined. */
export function commandPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
