import type { FastifyInstance, RouteOptions } from 'fastify';
import { VERSION } from '../../version.js';

export type { OpenApiOperation } from './openapi-operation.js';

import { ROUTE_SUMMARIES } from './route-summaries.js';

type Document = Record<string, unknown> & { paths: Record<string, Record<string, Record<string, unknown>>> };

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/**
 * Serves `/openapi.json` (public: it describes the API and holds no data), generated from the
 * routes registered on the app: every route appears, with its method, path parameters, whether it
 * needs a key, and what its `config.openapi` (or a Fastify JSON `schema`) documents. Generating it
 * keeps it from drifting from the code: a new route is listed the moment it is registered, and a
 * test checks that every `/v1` route has at least a summary (its own, or `ROUTE_SUMMARIES`). Must be registered before the routes
 * it documents (it collects them with an `onRoute` hook).
 */
export function registerOpenApiRoute(app: FastifyInstance): void {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  let cached: Document | undefined;
  app.get('/openapi.json', { config: { public: true } }, async () => {
    cached ??= openApiDocument(routes);
    return cached;
  });
}

/** Builds the OpenAPI 3.1 document of `routes`. */
export function openApiDocument(routes: readonly RouteOptions[]): Document {
  const paths: Document['paths'] = {};
  for (const route of routes) {
    if (route.url === '/openapi.json' || route.url.includes('*')) continue;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).map((m) => m.toLowerCase());
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const params = [...route.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);
    for (const method of methods) {
      if (!METHODS.has(method) || method === 'head') continue;
      paths[path] ??= {};
      (paths[path] as Record<string, unknown>)[method] = operation(route, method, params);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'modelwatch',
      version: VERSION,
      description:
        'modelwatch HTTP API. Send `Authorization: Bearer <API key>`; each key belongs to one project ' +
        'and has scopes (ingest, read, admin; admin implies the others). 401: no or bad key; 403: missing scope.',
    },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'a modelwatch API key (mw_…)' } },
    },
    security: [{ apiKey: [] }],
    paths,
  };
}

function operation(route: RouteOptions, method: string, params: readonly string[]): Record<string, unknown> {
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const fallback = schema.summary === undefined ? ROUTE_SUMMARIES[`${method.toUpperCase()} ${route.url}`] : undefined;
  const doc = route.config?.openapi ?? fallback ?? {};
  const isPublic = route.config?.public;
  const op: Record<string, unknown> = {};
  const summary = doc.summary ?? (schema.summary as string | undefined);
  if (summary !== undefined) op.summary = summary;
  const notes = [doc.description ?? (schema.description as string | undefined)];
  if (doc.scope !== undefined) notes.push(`Requires an API key with the \`${doc.scope}\` scope.`);
  if (isPublic === 'loopback') notes.push('Open without a key from the loopback interface (metrics.auth: localhost).');
  const description = notes.filter((n) => n !== undefined).join('\n\n');
  if (description !== '') op.description = description;
  if (doc.tags !== undefined) op.tags = doc.tags;
  if (doc.scope !== undefined) op['x-required-scope'] = doc.scope;
  const parameters: Record<string, unknown>[] = params.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (schema.querystring !== undefined) {
    const q = schema.querystring as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, s] of Object.entries(q.properties ?? {})) {
      parameters.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema: s });
    }
  }
  parameters.push(...(doc.parameters ?? []));
  if (parameters.length > 0) op.parameters = parameters;
  if (doc.requestBody !== undefined) op.requestBody = doc.requestBody;
  else if (schema.body !== undefined) {
    op.requestBody = { required: true, content: { 'application/json': { schema: schema.body } } };
  }
  const responses: Record<string, unknown> = { ...(doc.responses ?? {}) };
  if (Object.keys(responses).length === 0) responses.default = { description: 'see the route’s documentation' };
  if (isPublic === true) op.security = [];
  else {
    responses['401'] ??= { description: 'missing, malformed, unknown or revoked API key' };
    if (doc.scope !== undefined) responses['403'] ??= { description: `the key lacks the ${doc.scope} scope` };
  }
  op.responses = responses;
  return op;
}
