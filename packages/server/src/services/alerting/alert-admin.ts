import type { z } from 'zod';
import {
  ALERT_DOCUMENTS,
  type AlertChannel,
  AlertChannelSchema,
  type AlertRouting,
  AlertRoutingSchema,
  type AlertRule,
  AlertRuleSchema,
  type MaintenanceWindow,
  MaintenanceWindowSchema,
  type Silence,
  SilenceSchema,
} from '../../domain/alerting.js';
import { SLO_DOCUMENT, type Slo, SloSchema } from '../../domain/slo.js';
import type { Store } from '../../storage/store.js';
import { alertRoutingOf } from './alert-routing.js';
import { AlertingError } from './alerting-error.js';
import { BUILT_IN_ALERT_RULES } from './built-in-rules.js';
import { parseAlertingInput } from './parse-alerting-input.js';
import { redactUrl } from './post-json.js';

/** The store methods the admin service uses. */
export type AlertAdminStore = Pick<
  Store,
  'getDocument' | 'putDocument' | 'listDocuments' | 'deleteDocument' | 'appendAudit'
>;

/** The configuration kinds the admin API manages by id. */
export type AlertConfigKind = 'rule' | 'slo' | 'channel' | 'maintenance';

const KINDS: Readonly<Record<AlertConfigKind, { readonly document: string; readonly schema: z.ZodType }>> = {
  rule: { document: ALERT_DOCUMENTS.rule, schema: AlertRuleSchema },
  slo: { document: SLO_DOCUMENT, schema: SloSchema },
  channel: { document: ALERT_DOCUMENTS.channel, schema: AlertChannelSchema },
  maintenance: { document: ALERT_DOCUMENTS.maintenance, schema: MaintenanceWindowSchema },
};

/** What each kind parses to. */
export interface AlertConfigTypes {
  rule: AlertRule;
  slo: Slo;
  channel: AlertChannel;
  maintenance: MaintenanceWindow;
}

/**
 * A channel as the API shows it: the webhook secret is never returned, and a Slack URL (whose
 * path is the credential) is shown redacted.
 */
export function channelView(channel: AlertChannel): Record<string, unknown> {
  if (channel.type === 'webhook') {
    const { secret: _secret, ...rest } = channel;
    return { ...rest, secret: '[redacted]' };
  }
  if (channel.type === 'slack') return { ...channel, url: redactUrl(channel.url) };
  return { ...channel };
}

/**
 * Create, replace, list and delete alert rules, SLOs, channels, maintenance windows and silences
 * (store documents), and the project's routing (grouping, inhibition, digest). Every change is
 * validated (errors name the field, the expectation and the value) and appended to the audit log
 * (kind `alert_config`, subject `<kind>:<id>`; secrets are never written there).
 */
export class AlertAdmin {
  readonly #store: AlertAdminStore;
  readonly #now: () => number;

  constructor(store: AlertAdminStore, options: { readonly now?: () => number } = {}) {
    this.#store = store;
    this.#now = options.now ?? Date.now;
  }

  /** Creates (`replace` false: 409 when the id exists) or replaces a configuration document. */
  async put<K extends AlertConfigKind>(
    projectId: string,
    kind: K,
    input: unknown,
    options: { readonly replace?: boolean; readonly id?: string; readonly actor?: string } = {},
  ): Promise<AlertConfigTypes[K]> {
    const spec = KINDS[kind];
    const body = options.id === undefined ? input : { ...(input as object), id: options.id };
    if (
      options.id !== undefined &&
      typeof input === 'object' &&
      input !== null &&
      'id' in input &&
      (input as { id: unknown }).id !== options.id
    ) {
      throw new AlertingError(
        'invalid',
        `${kind}.id: expected the id of the URL ${JSON.stringify(options.id)} (got ${JSON.stringify((input as { id: unknown }).id)})`,
        `${kind}.id`,
      );
    }
    const value = parseAlertingInput(spec.schema, body, kind) as AlertConfigTypes[K] & { id: string };
    const existing = await this.#store.getDocument(projectId, spec.document, value.id);
    if (existing !== undefined && options.replace !== true) {
      throw new AlertingError(
        'conflict',
        `${kind} ${JSON.stringify(value.id)} exists already; PUT replaces it`,
        `${kind}.id`,
      );
    }
    await this.#store.putDocument(projectId, spec.document, value.id, value);
    await this.#audit(
      projectId,
      kind,
      value.id,
      existing === undefined ? 'create' : 'replace',
      options.actor,
      auditView(kind, value),
    );
    return value;
  }

  async get<K extends AlertConfigKind>(projectId: string, kind: K, id: string): Promise<AlertConfigTypes[K]> {
    const doc = await this.#store.getDocument(projectId, KINDS[kind].document, id);
    if (doc === undefined)
      throw new AlertingError('not_found', `no ${kind} ${JSON.stringify(id)} in this project`, 'id');
    return KINDS[kind].schema.parse(doc) as AlertConfigTypes[K];
  }

  async list<K extends AlertConfigKind>(projectId: string, kind: K): Promise<readonly AlertConfigTypes[K][]> {
    const out: AlertConfigTypes[K][] = [];
    for (const { document } of await this.#store.listDocuments(projectId, KINDS[kind].document)) {
      const parsed = KINDS[kind].schema.safeParse(document);
      if (parsed.success) out.push(parsed.data as AlertConfigTypes[K]);
    }
    return out.sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1));
  }

  async delete(projectId: string, kind: AlertConfigKind, id: string, actor?: string): Promise<void> {
    await this.get(projectId, kind, id);
    await this.#store.deleteDocument(projectId, KINDS[kind].document, id);
    await this.#audit(projectId, kind, id, 'delete', actor, {});
  }

  /** Installs the built-in rules that are not there yet (by id); returns the ids installed. */
  async installBuiltInRules(projectId: string, actor?: string): Promise<readonly string[]> {
    const installed: string[] = [];
    for (const input of BUILT_IN_ALERT_RULES) {
      const rule = AlertRuleSchema.parse(input);
      if ((await this.#store.getDocument(projectId, ALERT_DOCUMENTS.rule, rule.id)) !== undefined) continue;
      await this.#store.putDocument(projectId, ALERT_DOCUMENTS.rule, rule.id, rule);
      await this.#audit(projectId, 'rule', rule.id, 'create', actor, { builtIn: true, rule });
      installed.push(rule.id);
    }
    return installed;
  }

  /** Creates a silence; `startsAt` defaults to now. */
  async createSilence(projectId: string, input: unknown, actor = 'api'): Promise<Silence> {
    const now = this.#now();
    const withDefaults =
      typeof input === 'object' && input !== null
        ? {
            startsAt: now,
            createdBy: actor,
            id: `silence-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
            ...input,
          }
        : input;
    const silence = parseAlertingInput(SilenceSchema, withDefaults, 'silence');
    if ((await this.#store.getDocument(projectId, ALERT_DOCUMENTS.silence, silence.id)) !== undefined) {
      throw new AlertingError('conflict', `silence ${JSON.stringify(silence.id)} exists already`, 'silence.id');
    }
    await this.#store.putDocument(projectId, ALERT_DOCUMENTS.silence, silence.id, silence);
    await this.#audit(projectId, 'silence', silence.id, 'create', actor, silence);
    return silence;
  }

  /** Silences of the project, active and expired, newest first. */
  async listSilences(
    projectId: string,
  ): Promise<readonly (Silence & { readonly status: 'pending' | 'active' | 'expired' })[]> {
    const now = this.#now();
    const out: (Silence & { status: 'pending' | 'active' | 'expired' })[] = [];
    for (const { document } of await this.#store.listDocuments(projectId, ALERT_DOCUMENTS.silence)) {
      const parsed = SilenceSchema.safeParse(document);
      if (!parsed.success) continue;
      const s = parsed.data;
      out.push({ ...s, status: now < s.startsAt ? 'pending' : now < s.endsAt ? 'active' : 'expired' });
    }
    return out.sort((a, b) => b.startsAt - a.startsAt);
  }

  /** Expires a silence now (Alertmanager's DELETE /silence/{id}): it stays listed as expired. */
  async expireSilence(projectId: string, id: string, actor = 'api'): Promise<Silence> {
    const doc = await this.#store.getDocument(projectId, ALERT_DOCUMENTS.silence, id);
    if (doc === undefined)
      throw new AlertingError('not_found', `no silence ${JSON.stringify(id)} in this project`, 'id');
    const silence = SilenceSchema.parse(doc);
    const now = this.#now();
    const expired: Silence = { ...silence, endsAt: Math.max(silence.startsAt + 1, Math.min(silence.endsAt, now)) };
    await this.#store.putDocument(projectId, ALERT_DOCUMENTS.silence, id, expired);
    await this.#audit(projectId, 'silence', id, 'expire', actor, { endsAt: expired.endsAt });
    return expired;
  }

  async routing(projectId: string): Promise<AlertRouting> {
    return alertRoutingOf(await this.#store.getDocument(projectId, ALERT_DOCUMENTS.routing, 'default'));
  }

  async putRouting(projectId: string, input: unknown, actor = 'api'): Promise<AlertRouting> {
    const routing = parseAlertingInput(AlertRoutingSchema, input, 'routing');
    await this.#store.putDocument(projectId, ALERT_DOCUMENTS.routing, 'default', routing);
    await this.#audit(projectId, 'routing', 'default', 'replace', actor, routing);
    return routing;
  }

  async #audit(
    projectId: string,
    kind: string,
    id: string,
    action: string,
    actor: string | undefined,
    details: unknown,
  ) {
    await this.#store.appendAudit({
      projectId,
      at: this.#now(),
      kind: 'alert_config',
      subject: `${kind}:${id}`,
      action,
      details: { actor: actor ?? 'api', value: details },
    });
  }
}

function auditView(kind: AlertConfigKind, value: unknown): unknown {
  return kind === 'channel' ? channelView(value as AlertChannel) : value;
}
