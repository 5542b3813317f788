// Local wall-clock time of a time zone at a simulated instant (for hour-of-day shaping and schedules).
//
// Offsets come from Intl (correct across daylight-saving changes) and are cached per zone and hour, so
// the event loop never formats dates.

export class Calendar {
  readonly #startSec: number;
  readonly #formats = new Map<string, Intl.DateTimeFormat>();
  readonly #offsets = new Map<string, Map<number, number>>();

  constructor(startEpochMs: number) {
    this.#startSec = startEpochMs / 1000;
  }

  /** Seconds to add to UTC to get the zone's wall clock, at sim time t (resolved per hour). */
  offset(zone: string, t: number): number {
    let cache = this.#offsets.get(zone);
    if (!cache) this.#offsets.set(zone, (cache = new Map()));
    const h = Math.floor(t / 3600);
    let off = cache.get(h);
    if (off === undefined) {
      off = this.#offsetAtEpoch(zone, this.#startSec + h * 3600);
      cache.set(h, off);
    }
    return off;
  }

  /** Wall-clock seconds since the epoch (as if the zone were UTC) at sim time t. */
  wall(zone: string, t: number): number {
    return this.#startSec + t + this.offset(zone, t);
  }

  hourOfDay(zone: string, t: number): number {
    const w = this.wall(zone, t);
    return Math.floor((((w % 86400) + 86400) % 86400) / 3600);
  }

  /** 0 = Monday ... 6 = Sunday */
  weekday(zone: string, t: number): number {
    const days = Math.floor(this.wall(zone, t) / 86400); // 1970-01-01 was a Thursday (3)
    return (((days + 3) % 7) + 7) % 7;
  }

  /** Sim times in [from, to) at which the zone's wall clock reads `secondsOfDay`, ascending. */
  daily(zone: string, secondsOfDay: number, from: number, to: number): number[] {
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

  #offsetAtEpoch(zone: string, epochSec: number): number {
    let f = this.#formats.get(zone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
      this.#formats.set(zone, f);
    }
    const p: Record<string, number> = {};
    for (const part of f.formatToParts(new Date(epochSec * 1000))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) / 1000;
    return Math.round(asUtc - Math.floor(epochSec));
  }
}
