/** The model registry: versions, stages with audited transitions, lineage and attached gate results. */
export { ModelRegistry, projectRegistries, REGISTRY_AUDIT_KIND, VERSION_DOCUMENT_KIND } from './model-registry.js';
export type { RegistryApi } from './registry-api.js';
export { RegistryApiClient } from './registry-api-client.js';
export { RegistryError, type RegistryErrorCode } from './registry-error.js';
export { openRegistrySession, type RegistrySession } from './registry-session.js';
