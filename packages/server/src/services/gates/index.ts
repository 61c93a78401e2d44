/** CI gates: a YAML file of conditions parsed into a typed AST, evaluated on runs; Markdown and JUnit output. */
export { type EvaluateGatesInput, evaluateGates, type GateBaselineRun } from './evaluate-gates.js';
export { GateError, type GateErrorCode } from './gate-error.js';
export { gateJunit, gateMarkdown } from './gate-outputs.js';
export { parseGateCondition, parseGates } from './parse-gates.js';
