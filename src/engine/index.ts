// The simulation engine: virtual clock, future-event set, seeded random streams, distributions.
export { VirtualClock, type Clock, type Handler, type Timers } from './clock.js';
export { EventQueue } from './events.js';
export { compileDist, type DistSpec, type Sampler } from './distributions.js';
export { exponential, normal, pick, stream, type Rng } from './random.js';
