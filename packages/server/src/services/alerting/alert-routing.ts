import { type AlertRouting, AlertRoutingSchema } from '../../domain/alerting.js';

/** The project's routing document parsed with its defaults (Alertmanager's), or the defaults alone. */
export function alertRoutingOf(document: unknown): AlertRouting {
  const parsed = AlertRoutingSchema.safeParse(document ?? {});
  return parsed.success ? parsed.data : AlertRoutingSchema.parse({});
}
