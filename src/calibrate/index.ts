// Calibration: fitting a scenario to production logs (distributions, rates, workers) and writing it.
export * from './fit.js';
export { analyse, type Calibration, type ConnectorFigures, type AccountFigures, type SourceFigures, type AnalyseOptions } from './analyse.js';
export { calibratedScenarioYaml } from './scenario-yaml.js';
