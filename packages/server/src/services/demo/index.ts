export { type ActiveIncident, activeIncidents, INCIDENT_DESCRIPTIONS } from './active-incidents.js';
export type { DemoBatch } from './demo-batch.js';
export { DemoError, type DemoErrorCode } from './demo-error.js';
export { createDemoSimulator, type DemoSimulator, type DemoSimulatorOptions } from './demo-simulator.js';
export { type DemoSummaryOptions, demoSummary } from './demo-summary.js';
export { GaussianNaiveBayes, type GaussianNaiveBayesOptions } from './gaussian-naive-bayes.js';
export { DRIFT_REGION, LATENCY_REGRESSION_FACTOR, QUALITY_DROP_REGION } from './incident-effects.js';
export {
  DEFAULT_INCIDENT_SCHEDULE,
  INCIDENT_KINDS,
  type IncidentKind,
  type IncidentSchedule,
  type IncidentWindow,
} from './incident-schedule.js';
export {
  type DemoLogger,
  type DemoSink,
  type DemoTrafficRun,
  type DemoTrafficStats,
  type RunDemoTrafficOptions,
  runDemoTraffic,
} from './run-demo-traffic.js';
export { loadSeattleWeather, WEATHER_LABELS, type WeatherDay, type WeatherLabel } from './seattle-weather.js';
export { SUPPORT_EXPERIMENT, SUPPORT_MODEL } from './support-traffic.js';
export { WeatherClassifier } from './weather-classifier.js';
export { WEATHER_CANARY_EXPERIMENT, WEATHER_MODEL } from './weather-traffic.js';
