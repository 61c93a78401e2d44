/**
 * One readiness condition of the server (store open, ingest queue below its high-water mark,
 * evaluator not stuck): `check` resolves to undefined when ready, else to the reason it is not.
 */
export interface ReadinessProbe {
  readonly name: string;
  check(): Promise<string | undefined> | string | undefined;
}

/** What `/readyz` answers: each probe's `ok` or reason, and whether all are ok. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, string>>;
}

/** Runs every probe (concurrently); a probe that throws is not ready, with its error as the reason. */
export async function readinessReport(probes: readonly ReadinessProbe[]): Promise<ReadinessReport> {
  const results = await Promise.all(
    probes.map(async (p) => {
      try {
        return [p.name, (await p.check()) ?? 'ok'] as const;
      } catch (err) {
        return [p.name, `check failed: ${err instanceof Error ? err.message : String(err)}`] as const;
      }
    }),
  );
  return { ready: results.every(([, r]) => r === 'ok'), checks: Object.fromEntries(results) };
}
