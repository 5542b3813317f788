// Local wall-clock time of a time zone at a simulated instant (for hour-of-day shaping and schedules).
//
// Offsets come from Intl (correct across daylight-saving changes) and are cached per zone and hour in
// a typed array, so the event loop never formats dates and pays one array read per look-up.

export class Calendar {
  readonly #startSec: number;
  readonly #zoneIds = new Map<string, number>();
  readonly #zoneNames: string[] = [];
  readonly #formats: Intl.DateTimeFormat[] = [];
  #offsets: Float64Array[] = []; // per zone, by hour since sim time 0 (NaN = not yet computed)

  constructor(startEpochMs: number) {
    this.#startSec = startEpochMs / 1000;
  }

  /** A small integer for a zone name, for the fast look-ups below. */
  zone(name: string): number {
    let z = this.#zoneIds.get(name);
    if (z === undefined) {
      z = this.#zoneNames.length;
      this.#zoneIds.set(name, z);
      this.#zoneNames.push(name);
      this.#formats.push(
        new Intl.DateTimeFormat('en-US', {
          timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
        }),
      );
      this.#offsets.push(new Float64Array(0));
    }
    return z;
  }

  /** Seconds to add to UTC to get the zone's wall clock, at sim time t (resolved per hour). */
  offset(zone: number | string, t: number): number {
    const z = typeof zone === 'number' ? zone : this.zone(zone);
    const h = Math.floor(t / 3600);
    let cache = this.#offsets[z];
    if (h >= cache.length || h < 0) {
      if (h < 0) return this.#offsetAtEpoch(z, this.#startSec + h * 3600);
      const grown = new Float64Array(Math.max(h + 1, cache.length * 2, 24 * 8)).fill(NaN);
      grown.set(cache);
      this.#offsets[z] = cache = grown;
    }
    let off = cache[h];
    if (off !== off) cache[h] = off = this.#offsetAtEpoch(z, this.#startSec + h * 3600); // NaN: not computed yet
    return off;
  }

  /** Wall-clock seconds since the epoch (as if the zone were UTC) at sim time t. */
  wall(zone: number | string, t: number): number {
    return this.#startSec + t + this.offset(zone, t);
  }

  hourOfDay(zone: number | string, t: number): number {
    const w = this.wall(zone, t);
    return Math.floor((((w % 86400) + 86400) % 86400) / 3600);
  }

  /** 0 = Monday ... 6 = Sunday */
  weekday(zone: number | string, t: number): number {
    const days = Math.floor(this.wall(zone, t) / 86400); // 1970-01-01 was a Thursday (3)
    return (((days + 3) % 7) + 7) % 7;
  }

  /** Sim times in [from, to) at which the zone's wall clock reads `secondsOfDay`, ascending. */
  daily(zone: number | string, secondsOfDay: number, from: number, to: number): number[] {
    const out: number[] = [];
    const firstDay = Math.floor(this.wall(zone, from) / 86400) - 1;
    const lastDay = Math.floor(this.wall(zone, to) / 86400) + 1;
    for (let d = firstDay; d <= lastDay; d++) {
      const wall = d * 86400 + secondsOfDay;
      // solve wall = start + t + offset(t): two rounds settle a DST change
      let t = wall - this.#startSec - this.offset(zone, Math.max(0, wall - this.#startSec));
      t = wall - this.#startSec - this.offset(zone, Math.max(0, t));
      if (t >= from && t < to) out.push(t);
    }
    return out;
  }

  #offsetAtEpoch(z: number, epochSec: number): number {
    const p: Record<string, number> = {};
    for (const part of this.#formats[z].formatToParts(new Date(epochSec * 1000))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) / 1000;
    return Math.round(asUtc - Math.floor(epochSec));
  }
}
