export { expectScenario } from "./expect-scenario";
export type { ExpectScenarioOptions, ScenarioRuns } from "./expect-scenario";
export { ScenarioFailure } from "./scenario-failure";
export type { ScenarioFailureDetail } from "./scenario-failure";
export { firstFailure } from "./first-failure";
