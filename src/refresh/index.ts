// The refresh model (pure, on an injected clock): what the layers above may use.
export { FIRST_INPUT_KIND, Kind, Priority } from './ladder.js';
export { Outcome, type OutcomeCode, type RefreshObserver } from './observer.js';
export { RefreshModel, type ModelRules, type ModelSetup } from './refresh-model.js';
export type { LocalTime, WorkerSchedule } from './schedules.js';
export type { CallSampler } from './sampler.js';
export { RefreshSystem } from './system.js';
export { State, type RefreshParams } from './params.js';
export { KeyKind, rows, TriggerCode, type Rows, type Topology } from './topology.js';
