export { backend } from "./backend";
export type { BackendError, BackendReply, BackendState } from "./backend";
export { resolveBackendOptions, BACKEND_DEFAULTS } from "./backend-options";
export type { BackendOptions, Phase, ScriptStep } from "./backend-options";
export { OutcomeSource } from "./outcome-source";
export { Admission } from "./admission";
export type { Refusal } from "./admission";
