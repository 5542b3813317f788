// Seeded, named random streams: each part of the model draws from its own stream.
//
// A stream is derived from the scenario seed and a name ("latency/ga", "arrivals/0", ...), so changing
// one part of a scenario (say the number of workers) never shifts the numbers drawn by another. That is
// what makes two configurations comparable with common random numbers.
import seedrandom from 'seedrandom';

export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
}

export function stream(seed: number, name: string): Rng {
  // alea: fast, 32-bit state, good statistical quality; seeded by string so names never collide.
  return new Alea(`${seed}/${name}`);
}

/**
 * seedrandom's Alea: seeded by seedrandom, then stepped here with the same arithmetic, so the same numbers
 * (test/engine/engine.test.ts holds them to seedrandom's, bit for bit). A class rather than seedrandom's
 * generator, a closure per stream: every stream of every run is then one call target, so the places that
 * draw keep it inlined when a second stream or a second run comes along (with closures, the second run
 * in a process de-optimised the arrivals' draws, "wrong call target").
 */
class Alea implements Rng {
  /** s0, s1, s2, c */
  readonly #s = new Float64Array(4);

  constructor(seedText: string) {
    const { s0, s1, s2, c } = seedrandom.alea(seedText, { state: true }).state() as { s0: number; s1: number; s2: number; c: number };
    this.#s.set([s0, s1, s2, c]);
  }

  next(): number {
    const s = this.#s;
    const t = 2091639 * s[0] + s[3] * 2.3283064365386963e-10; // 2^-32
    s[0] = s[1];
    s[1] = s[2];
    s[3] = t | 0;
    return (s[2] = t - s[3]);
  }
}

// The exponential ziggurat (Marsaglia and Tsang, "The ziggurat method for generating random variables",
// 2000): 256 layers of equal area under e^-x, the base one ending in the tail past R. A draw picks a
// layer and a place in it from one 32-bit uniform; 98.9% of draws land inside the layer's rectangle
// and are a multiply, with no logarithm. The rest take the exact way out (the wedge against e^-x, or the
// tail as R plus an exponential by inversion). The result is exactly exponential, to the resolution of
// the place (24 bits of the layer's width): the layer from the low 8 bits, the place from the high 24,
// so the two are not the same bits (Doornik's remark on the original).
const ZIG_R = 7.69711747013104972; // where the tail starts
const ZIG_V = 3.949659822581572e-3; // each layer's area
const PLACES = 2 ** 24;
/** per layer: the places (of 2^24) inside the rectangle below the next layer; x per place; e^-x at the layer's edge */
const ZIG_K = new Uint32Array(256);
const ZIG_W = new Float64Array(256);
const ZIG_F = new Float64Array(256);
{
  let de = ZIG_R, te = ZIG_R;
  const q = ZIG_V / Math.exp(-de);
  ZIG_K[0] = Math.floor((de / q) * PLACES);
  ZIG_K[1] = 0;
  ZIG_W[0] = q / PLACES;
  ZIG_W[255] = de / PLACES;
  ZIG_F[0] = 1;
  ZIG_F[255] = Math.exp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -Math.log(ZIG_V / de + Math.exp(-de));
    ZIG_K[i + 1] = Math.floor((de / te) * PLACES);
    te = de;
    ZIG_F[i] = Math.exp(-de);
    ZIG_W[i] = de / PLACES;
  }
}

/**
 * An exponential draw of the given mean, by the ziggurat above: usually one uniform and a multiply (the
 * logarithm of inversion was the largest single cost of a refresh after the event loop itself).
 */
export function exponential(rng: Rng, mean: number): number {
  return mean * standardExponential(rng);
}

function standardExponential(rng: Rng): number {
  for (;;) {
    // an Alea number is a multiple of 2^-32: this is an exact 32-bit integer
    const j = rng.next() * 4294967296;
    const i = j & 255, k = j >>> 8;
    if (k < ZIG_K[i]) return k * ZIG_W[i];
    // through a typed array, not as the call's value: a double returned from a call V8 does not inline
    // is a boxed number, and merged with the fast path's it made V8 box every draw
    if (zigEdge(rng, i, k)) return ZIG_OUT[0];
  }
}

/** where zigEdge leaves its draw */
const ZIG_OUT = new Float64Array(1);

/** The draw that fell outside layer i's rectangle (rare: 1.1%): the tail, or a point of the wedge kept when under e^-x, into ZIG_OUT[0]; false: draw again. */
function zigEdge(rng: Rng, i: number, k: number): boolean {
  // 1 - u is in (0, 1]: never log(0)
  if (i === 0) ZIG_OUT[0] = ZIG_R - Math.log(1 - rng.next());
  else {
    const x = k * ZIG_W[i];
    if (!(ZIG_F[i] + rng.next() * (ZIG_F[i - 1] - ZIG_F[i]) < Math.exp(-x))) return false;
    ZIG_OUT[0] = x;
  }
  return true;
}

export function normal(rng: Rng): number {
  // Box-Muller, one of the pair; deterministic and allocation-free
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function pick(rng: Rng, n: number): number {
  return Math.floor(rng.next() * n);
}
