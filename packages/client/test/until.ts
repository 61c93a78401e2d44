/**
 * Resolves once `condition()` holds, checking every few milliseconds; rejects after `limitMs`
 * (a generous limit that only bounds a hung test — no test asserts on elapsed time).
 */
export async function until(condition: () => boolean, limitMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error(`until: condition still false after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
