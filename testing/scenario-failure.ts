import type { RunResult } from "../engine/result";

/** What a failed `expectScenario` knows, besides its message. */
export interface ScenarioFailureDetail {
  file?: string;
  seed?: number;
  /** The failing run's result. */
  result?: RunResult;
  /** The shrunk scenario file's text, when `shrink` was asked for and the failure reproduced. */
  shrunk?: string;
}

/**
 * The error `expectScenario` rejects with. Its message is the whole report (a test runner shows
 * it as the failure); the fields carry the same facts for a test that wants to look closer.
 */
export class ScenarioFailure extends Error {
  readonly file?: string;
  readonly seed?: number;
  readonly result?: RunResult;
  readonly shrunk?: string;

  constructor(message: string, detail: ScenarioFailureDetail) {
    super(message);
    this.name = "ScenarioFailure";
    Object.assign(this, detail);
  }
}
