export {
  API_KEY_PREFIX,
  apiKeyHash,
  looksLikeApiKey,
  type NewApiKeySecret,
  newApiKeySecret,
} from './api-key-secret.js';
export { Authenticator, type AuthenticatorOptions, type Principal } from './authenticator.js';
