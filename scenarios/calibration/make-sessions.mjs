// Draws truth-sessions.csv, the session trace of truth.yaml, from known parameters (the truth the
// round trip recovers): every user logs in as a Poisson process of PER_USER_PER_DAY logins a day shaped
// by HOUR_WEIGHTS (UTC), sessions lognormal with mean 30 min and sd 20 min. Deterministic (seeded).
// Run from the repository root: node scenarios/calibration/make-sessions.mjs
import seedrandom from 'seedrandom';
import { writeFileSync } from 'node:fs';

export const PER_USER_PER_DAY = 4;
export const HOUR_WEIGHTS = [0, 0, 0, 0, 0, 0, 0, 0, 3, 2, 2, 2, 1, 2, 2, 2, 2, 1, 0, 0, 0, 0, 0, 0];
export const SESSION = { mean: 1800, sd: 1200 };
const START = Date.UTC(2026, 0, 5);
const DAYS = 2;
const ACCOUNTS = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];

const rng = seedrandom.alea('truth-sessions');
const sigma2 = Math.log(1 + (SESSION.sd / SESSION.mean) ** 2);
const mu = Math.log(SESSION.mean) - sigma2 / 2;
const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
const total = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
const rows = [];
for (const a of ACCOUNTS) {
  for (const u of [`${a}.u1`, `${a}.u2`]) {
    for (let d = 0; d < DAYS; d++) {
      for (let h = 0; h < 24; h++) {
        // logins in this hour: Poisson(PER_USER_PER_DAY * w_h / sum w), placed uniformly in the hour
        const lambda = (PER_USER_PER_DAY * HOUR_WEIGHTS[h]) / total;
        let k = 0;
        for (let p = Math.exp(-lambda), s = p, x = rng(); x > s; k++) (p *= lambda / (k + 1)), (s += p);
        for (let i = 0; i < k; i++) {
          const at = (d * 24 + h) * 3600 + Math.floor(rng() * 3600);
          const duration = Math.max(1, Math.round(Math.exp(mu + Math.sqrt(sigma2) * normal())));
          rows.push({ u, at, duration });
        }
      }
    }
  }
}
rows.sort((x, y) => x.at - y.at || (x.u < y.u ? -1 : 1));
const text = 'user,at,duration\n' + rows.map((r) => `${r.u},${new Date(START + r.at * 1000).toISOString().replace('.000Z', 'Z')},${r.duration}`).join('\n') + '\n';
writeFileSync(new URL('./truth-sessions.csv', import.meta.url), text);
process.stdout.write(`wrote scenarios/calibration/truth-sessions.csv: ${rows.length} sessions\n`);
