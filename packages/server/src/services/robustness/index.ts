/** Robustness (CheckList-style perturbation suites) and the label-leakage check. */
export {
  DEFAULT_LEAKAGE_THRESHOLD,
  type FeatureLeakage,
  type LabelLeakageOptions,
  type LabelLeakageReport,
  labelLeakage,
} from './label-leakage.js';
export {
  casing,
  NUMERIC_PERTURBATIONS,
  type PerturbationName,
  perturbRows,
  SYNONYMS,
  seededRandom,
  synonyms,
  TEXT_PERTURBATIONS,
  typos,
  whitespace,
} from './perturbations.js';
export {
  type DirectionalResult,
  type ModelAnswer as RobustnessAnswer,
  type PerturbationResult,
  type RobustnessReport,
  type RobustnessSettings,
  type RobustnessSuiteInput,
  robustnessSuite,
} from './robustness-suite.js';
