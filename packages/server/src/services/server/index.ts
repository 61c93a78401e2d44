export { AdminApiClient } from './admin-api-client.js';
export {
  type AdminActor,
  ApiKeyAdmin,
  type ApiKeyAdminOptions,
  checkedScopes,
  DEFAULT_PROJECT_ID,
} from './api-key-admin.js';
export {
  type CreatedApiKey,
  type CreatedProject,
  type CreateKeyInput,
  type KeyAdmin,
  type PublicApiKey,
  publicApiKey,
} from './key-admin.js';
export { type KeyAdminSession, openKeyAdminSession } from './key-admin-session.js';
export { openStore, STORE_FILE, storePath } from './open-store.js';
export { type ReadinessProbe, type ReadinessReport, readinessReport } from './readiness.js';
export { ServerError, type ServerErrorCode } from './server-error.js';
export { RUNTIME_FILE, runningServer, type ServerRuntimeInfo } from './server-runtime-file.js';
export { type ServerHandle, type StartServerOptions, startServer } from './start-server.js';
