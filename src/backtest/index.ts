// Backtesting a scenario against a production refresh log (Law & Kelton's validation against system output).
export { runBacktest, observedSample, type BacktestOptions, type BacktestResult } from './backtest.js';
export { compareWaits, QUANTILES, type Comparison, type QuantileRow, type Sample, type Tolerance } from './compare.js';
export { replayModel, type ReplayInfo } from './replay.js';
