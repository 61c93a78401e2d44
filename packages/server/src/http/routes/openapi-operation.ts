/** An OpenAPI 3.1 operation fragment a route may carry in `config.openapi`. */
export interface OpenApiOperation {
  readonly summary?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly parameters?: readonly Record<string, unknown>[];
  readonly requestBody?: Record<string, unknown>;
  readonly responses?: Record<string, unknown>;
  /** The scope the route requires (shown in the description and as `x-required-scope`). */
  readonly scope?: 'ingest' | 'read' | 'admin';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Documentation of the route in `/openapi.json`. */
    openapi?: OpenApiOperation;
  }
}
