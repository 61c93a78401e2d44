/** What a call to the server gave: data, or why there is none. */
export type ApiResult<T> =
  | { readonly ok: true; readonly data: T }
  | {
      readonly ok: false;
      /** HTTP status (0 when the server could not be reached). */
      readonly status: number;
      /** `missing`: the server does not serve this route (yet); `error`: it answered with an error. */
      readonly reason: 'missing' | 'error';
      readonly message: string;
    };

type Params = Readonly<Record<string, string | number | undefined>>;

/** The path with its query string; undefined parameters are left out. */
export function withQuery(path: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s === '' ? path : `${path}?${s}`;
}

/**
 * The dashboard's access to the server API: every call sends `Authorization: Bearer <key>`, never
 * throws, and tells a route the server does not serve (`missing`, from /openapi.json or a 404 that
 * is not the API's own "not found") from a failed call. A 401 calls `onUnauthorized` (back to login).
 */
export class ApiClient {
  #routes: Promise<ReadonlySet<string> | undefined> | undefined;

  constructor(
    private readonly key: string,
    private readonly onUnauthorized: () => void = () => {},
    private readonly base = '',
  ) {}

  /** The OpenAPI path templates the server serves (`/v1/experiments/{experimentId}`), once per client. */
  routes(): Promise<ReadonlySet<string> | undefined> {
    this.#routes ??= fetch(`${this.base}/openapi.json`)
      .then(async (res) =>
        res.ok ? new Set(Object.keys(((await res.json()) as { paths?: object }).paths ?? {})) : undefined,
      )
      .catch(() => undefined);
    return this.#routes;
  }

  /** Whether the server serves `template` (an OpenAPI path template); true when it cannot tell. */
  async serves(template: string): Promise<boolean> {
    const routes = await this.routes();
    return routes === undefined || routes.has(template);
  }

  async get<T>(path: string, params: Params = {}, template?: string): Promise<ApiResult<T>> {
    const route = template ?? path;
    if (!(await this.serves(route))) {
      return { ok: false, status: 404, reason: 'missing', message: `GET ${route} is not served by this server` };
    }
    let res: Response;
    try {
      res = await fetch(`${this.base}${withQuery(path, params)}`, {
        headers: { authorization: `Bearer ${this.key}`, accept: 'application/json' },
      });
    } catch (err) {
      return { ok: false, status: 0, reason: 'error', message: `server unreachable: ${(err as Error).message}` };
    }
    if (res.status === 401) this.onUnauthorized();
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    if (res.ok) return { ok: true, data: body as T };
    const b = (body ?? {}) as { error?: string; message?: string };
    const routeMissing = res.status === 404 && (b.error === undefined || b.error === 'Not Found');
    return {
      ok: false,
      status: res.status,
      reason: routeMissing ? 'missing' : 'error',
      message: routeMissing
        ? `GET ${route} is not served by this server`
        : `${res.status}: ${b.message ?? res.statusText}`,
    };
  }
}
