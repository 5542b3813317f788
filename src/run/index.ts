// One simulation run (the single-run layer): a scenario's model wired to the refresh model on the virtual clock.
export { simulate, Simulation, type SimulateOptions } from './simulation.js';
export { Calendar } from './calendar.js';
