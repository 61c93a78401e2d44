import type { OpenApiOperation } from './openapi-operation.js';

/**
 * OpenAPI summaries and scopes of routes registered by other modules without `config.openapi` or
 * a `schema.summary` (taken from their doc comments). A route's own documentation wins; the
 * security test fails for any `/v1` route documented in neither place, so a new route cannot go
 * undocumented, and an entry whose route is gone is never shown.
 */
export const ROUTE_SUMMARIES: Readonly<Record<string, OpenApiOperation>> = {
  'GET /metrics': {
    summary: 'Prometheus metrics: the key’s project’s model series plus server health',
    scope: 'read',
    tags: ['telemetry'],
  },
  'GET /v1/query/overview': {
    summary: 'Requests, errors, latency p50/p95/p99, tokens and cost per bucket (?bucket=1m) and in total',
    scope: 'read',
    tags: ['query'],
  },
  'GET /v1/query/errors': { summary: 'Failed requests per error type', scope: 'read', tags: ['query'] },
  'GET /v1/query/models': {
    summary: 'Models, versions and variants seen, with first/last seen and counts',
    scope: 'read',
    tags: ['query'],
  },
  'GET /v1/query/feedback': {
    summary: 'Thumbs up/down, corrections, escalations and their rates',
    scope: 'read',
    tags: ['query'],
  },
  'GET /v1/query/scores': { summary: 'Judge and human scores per (name, source)', scope: 'read', tags: ['query'] },
  'GET /v1/query/distributions': {
    summary: 'Input length, predicted label, score and value histograms (?bins=20)',
    scope: 'read',
    tags: ['query'],
  },
  'GET /v1/query/quality': {
    summary: 'Quality from joined outcomes: accuracy, macro F1, ROC-AUC; MAE, RMSE, R²',
    scope: 'read',
    tags: ['query'],
  },
  'GET /v1/query/slices': { summary: 'Segment slices ranked by degradation', scope: 'read', tags: ['query'] },
  'GET /v1/query/samples': {
    summary: 'Sample events: recent, errors or lowest score (?kind=&limit=)',
    scope: 'read',
    tags: ['query'],
  },
  'GET /v1/query/event/:requestId': {
    summary: 'One event with its outcome, feedback and scores',
    scope: 'read',
    tags: ['query'],
  },
  'POST /v1/experiments': {
    summary: 'Create an experiment (A/B, canary or shadow)',
    scope: 'admin',
    tags: ['experiments'],
  },
  'GET /v1/experiments': { summary: 'List the project’s experiments', scope: 'read', tags: ['experiments'] },
  'GET /v1/experiments/:experimentId': { summary: 'One experiment', scope: 'read', tags: ['experiments'] },
  'PATCH /v1/experiments/:experimentId': {
    summary: 'Change an experiment (weights, coverage, status)',
    scope: 'admin',
    tags: ['experiments'],
  },
  'GET /v1/experiments/:experimentId/assignment': {
    summary: 'The variant of a unit (?unitId=); an ingest or a read key',
    tags: ['experiments'],
  },
  'GET /v1/experiments/:experimentId/analysis': {
    summary: 'Analysis of an experiment over stored events (?from=&to=)',
    scope: 'read',
    tags: ['experiments'],
  },
  'POST /v1/rollouts': { summary: 'Start the rollout of a canary experiment', scope: 'admin', tags: ['rollouts'] },
  'GET /v1/rollouts/:id': { summary: 'A rollout’s state and audit log', scope: 'read', tags: ['rollouts'] },
  'POST /v1/rollouts/:id/pause': { summary: 'Pause a rollout', scope: 'admin', tags: ['rollouts'] },
  'POST /v1/rollouts/:id/resume': { summary: 'Resume a paused rollout', scope: 'admin', tags: ['rollouts'] },
  'POST /v1/rollouts/:id/abort': { summary: 'Abort a rollout (roll back)', scope: 'admin', tags: ['rollouts'] },
};
