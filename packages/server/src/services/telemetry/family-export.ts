import { Counter, Gauge, Histogram, type Metric } from 'prom-client';
import type { GuardedFamily } from './guarded-family.js';

// prom-client formats the exposition; these subclasses only replace where the samples come from
// (a GuardedFamily, optionally narrowed to one project) so the hot path never touches
// prom-client's per-call label hashing. Each is created with `registers: []` and registered
// explicitly by its owner.

class FamilyCounter extends Counter<string> {
  constructor(
    readonly family: GuardedFamily,
    readonly projectId: string | undefined,
  ) {
    super({ name: family.name, help: family.help, labelNames: [...family.labelNames], registers: [] });
  }
  override async get() {
    return { ...(await super.get()), values: this.family.samples(this.projectId) };
  }
}

class FamilyGauge extends Gauge<string> {
  constructor(
    readonly family: GuardedFamily,
    readonly projectId: string | undefined,
  ) {
    super({ name: family.name, help: family.help, labelNames: [...family.labelNames], registers: [] });
  }
  override async get() {
    return { ...(await super.get()), values: this.family.samples(this.projectId) };
  }
}

class FamilyHistogram extends Histogram<string> {
  // prom-client's Histogram.get() calls getForPromString(), which this class overrides; the
  // header (name, help, type, aggregator) therefore comes from an empty twin that is never
  // registered anywhere.
  readonly #twin: Histogram<string>;
  constructor(
    readonly family: GuardedFamily,
    readonly projectId: string | undefined,
  ) {
    const configuration = {
      name: family.name,
      help: family.help,
      labelNames: [...family.labelNames],
      buckets: [...family.bounds],
      registers: [],
    };
    super(configuration);
    this.#twin = new Histogram(configuration);
  }
  override async get() {
    return { ...(await this.#twin.get()), values: this.family.samples(this.projectId) };
  }
  /** The registry prefers this to `get()` for the text format; the samples are the same. */
  getForPromString() {
    return this.get();
  }
}

/** A prom-client metric exposing `family` (only `projectId`'s series when given). */
export function familyExport(family: GuardedFamily, projectId?: string): Metric<string> {
  switch (family.type) {
    case 'counter':
      return new FamilyCounter(family, projectId);
    case 'gauge':
      return new FamilyGauge(family, projectId);
    case 'histogram':
      return new FamilyHistogram(family, projectId);
  }
}
