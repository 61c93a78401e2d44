export { CONFIG_ENV_VARS, CONFIG_FILE_ENV_VAR, type ConfigEnvVar, type EnvValueType } from './config-env-vars.js';
export { ConfigError, type ConfigErrorCode } from './config-error.js';
export {
  type ConfigFlag,
  type ConfigSource,
  DEFAULT_CONFIG_FILE,
  describeSource,
  type LoadConfigOptions,
  type LoadedConfig,
  loadConfig,
} from './load-config.js';
