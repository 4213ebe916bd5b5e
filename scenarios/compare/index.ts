export { COMPARISON_MODES } from "./transaction-modes";
export type { ComparisonMode, SharedSetup } from "./transaction-modes";
export { COMPARISON_CHECKS, COMPARISON_FAULTS, COMPARISON_FAULT_AT, COMPARISON_FAULT_FOR, COMPARISON_SETUP, availableModes, comparisonScenarioText } from "./transaction-comparison-scenario";
export type { ComparisonFault } from "./transaction-comparison-scenario";
