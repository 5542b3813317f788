// The yardstick for `npm run bench`: a bare M/M/c event loop, the least work a simulator of this queue
// can do per customer. A binary heap of (time, kind) over typed arrays, a FIFO ring of arrival times,
// an inline random generator and nothing else: no statistics, no tie order, no observer, no limits.
// The bench runs it on the same load as the simulator's `mmc` workload and prints the ratio of the two
// rates in the same run (on a shared machine the ratio is steadier than either rate).

const ARRIVAL = 0, DEPARTURE = 1;

export interface BareResult {
  customers: number;
  /** mean wait in queue, so the work cannot be optimised away (and as a sanity check) */
  meanWait: number;
}

/** Serves `customers` Poisson arrivals (rate lambda) at c exponential servers (rate mu). */
export function bareMmc(customers: number, lambda: number, mu: number, c: number, seed = 1): BareResult {
  // sfc32 (Chris Doty-Humphrey's small fast chaotic generator), inline
  let a = seed | 0, b = 0x9e3779b9 | 0, cc = 0x243f6a88 | 0, d = 1;
  const u01 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (cc + (cc << 3)) | 0;
    cc = (cc << 21) | (cc >>> 11);
    cc = (cc + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) u01();

  const cap = 1024;
  const ht = new Float64Array(cap), hk = new Int32Array(cap);
  let n = 0;
  const push = (time: number, kind: number): void => {
    let i = n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (ht[p] <= time) break;
      ht[i] = ht[p]; hk[i] = hk[p];
      i = p;
    }
    ht[i] = time; hk[i] = kind;
  };
  let popTime = 0;
  const pop = (): number => {
    popTime = ht[0];
    const kind = hk[0];
    const last = --n, time = ht[last], k = hk[last];
    let i = 0;
    for (;;) {
      let ch = 2 * i + 1;
      if (ch >= last) break;
      if (ch + 1 < last && ht[ch + 1] < ht[ch]) ch++;
      if (time <= ht[ch]) break;
      ht[i] = ht[ch]; hk[i] = hk[ch];
      i = ch;
    }
    ht[i] = time; hk[i] = k;
    return kind;
  };

  let ring = new Float64Array(1 << 16);
  let head = 0, size = 0;
  let busy = 0, arrived = 0, served = 0, waitSum = 0;
  push(-Math.log(1 - u01()) / lambda, ARRIVAL);
  while (served < customers) {
    const kind = pop();
    const now = popTime;
    if (kind === ARRIVAL) {
      if (++arrived < customers) push(now - Math.log(1 - u01()) / lambda, ARRIVAL);
      if (busy < c) {
        busy++;
        push(now - Math.log(1 - u01()) / mu, DEPARTURE);
      } else {
        if (size === ring.length) {
          const next = new Float64Array(ring.length * 2);
          for (let i = 0; i < size; i++) next[i] = ring[(head + i) & (ring.length - 1)];
          ring = next; head = 0;
        }
        ring[(head + size++) & (ring.length - 1)] = now;
      }
    } else {
      served++;
      if (size > 0) {
        waitSum += now - ring[head];
        head = (head + 1) & (ring.length - 1);
        size--;
        push(now - Math.log(1 - u01()) / mu, DEPARTURE);
      } else busy--;
    }
  }
  return { customers: served, meanWait: waitSum / served };
}
