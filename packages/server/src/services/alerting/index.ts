/**
 * Alerts, SLOs and notifications: the engine (lifecycle, grouping, inhibition, silences,
 * maintenance windows, digest, actions), its configuration service, SLO counts and notifiers.
 */
export { ALERT_ACTOR, type AlertActions, experimentAlertActions } from './alert-actions.js';
export {
  AlertAdmin,
  type AlertAdminStore,
  type AlertConfigKind,
  type AlertConfigTypes,
  channelView,
} from './alert-admin.js';
export {
  AlertEngine,
  type AlertEngineHooks,
  type AlertEngineOptions,
  type AlertEvaluation,
  type AlertStore,
  type SloStatus,
} from './alert-engine.js';
export { alertFingerprint } from './alert-fingerprint.js';
export type { AlertNotification, NotificationAlert } from './alert-notification.js';
export { AlertingError, type AlertingErrorCode } from './alerting-error.js';
export { AlertmanagerNotifier, alertmanagerAlerts } from './alertmanager-notifier.js';
export { BUILT_IN_ALERT_RULES } from './built-in-rules.js';
export {
  budgetConsumedAtAlert,
  burnRate,
  burnRateAlerts,
  errorBudgetRemaining,
  type SloWindowCounts,
} from './burn-rate.js';
export { deliverWithRetry, type RetryPolicy } from './deliver-with-retry.js';
export {
  DEFAULT_EXPERIMENT_SIGNAL_WINDOW_MS,
  type ExperimentSignalsOptions,
  experimentSignals,
} from './experiment-signals.js';
export type { Notifier } from './notifier.js';
export { notifierOf } from './notifier-of.js';
export type { MonitorSignal } from './rule-signals.js';
export { SlackNotifier, slackMessage } from './slack-notifier.js';
export { DuckDbSloCounts, type SloCounts } from './slo-counts.js';
export { WebhookNotifier } from './webhook-notifier.js';
export { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature, webhookSignature } from './webhook-signature.js';
