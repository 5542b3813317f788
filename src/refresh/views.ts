// What users see of the data, read without changing anything: dashboard looks, e-mail reports at send
// time and embed views with their render cache (MODEL.md "Embedded Klips", "What planners want to read").
import type { Clock } from '../engine/clock.js';
import type { RefreshObserver } from './observer.js';
import { State } from './params.js';
import { rows, type Rows, type Topology } from './topology.js';

/** What the views read of a source. */
export interface SourceView {
  dataAsOf(s: number): number;
  state(s: number): number;
}

export class Views {
  /** per account, the sources its dashboard shows: on a Klip, refreshed on an interval */
  readonly #dashboardSources: Rows;
  // per Klip (the product checks whether the Klip, not the embed, was rendered within the TTL)
  readonly renderedAt: Float64Array;
  readonly renderedDataAsOf: Float64Array;
  readonly #topo: Topology;
  readonly #src: SourceView;
  readonly #clock: Clock;
  readonly #observer: RefreshObserver;
  readonly #embedTtl: number;

  constructor(topo: Topology, src: SourceView, clock: Clock, observer: RefreshObserver, embedTtl: number) {
    this.#topo = topo;
    this.#src = src;
    this.#clock = clock;
    this.#observer = observer;
    this.#embedTtl = embedTtl;
    this.#dashboardSources = dashboardSources(topo);
    const klips = topo.klipSources.start.length - 1;
    this.renderedAt = new Float64Array(klips).fill(-Infinity);
    this.renderedDataAsOf = new Float64Array(klips);
  }

  /**
   * A user looks at the dashboard: record the age of each source it shows (on a Klip, refreshed on an
   * interval). Manual-only sources and sources on no Klip are left out: their age does not depend on
   * the queue, and counting them would hide what more workers change.
   */
  dashboardView(account: number): void {
    const now = this.#clock.now();
    const { start, list } = this.#dashboardSources;
    for (let i = start[account]; i < start[account + 1]; i++) this.#observer.dashboardAge(now - this.#src.dataAsOf(list[i]), now);
  }

  /** The report goes out on time regardless; record how old its data is and whether a refresh is pending. */
  emailSend(email: number): void {
    const now = this.#clock.now();
    const { start, list } = this.#topo.emailSources;
    let oldest = now, pending = false;
    for (let i = start[email]; i < start[email + 1]; i++) {
      const asOf = this.#src.dataAsOf(list[i]);
      if (asOf < oldest) oldest = asOf;
      const st = this.#src.state(list[i]);
      if (st === State.queued || st === State.deferred || st === State.running) pending = true;
    }
    this.#observer.emailSent(now - oldest, pending, now);
  }

  /**
   * An embedded Klip is viewed: served from the Klip's render cache when the Klip was rendered within
   * embedTtl (by any of its embeds), else rendered now; never enqueues.
   */
  embedView(embed: number): void {
    const now = this.#clock.now();
    const klip = this.#topo.embedKlip[embed];
    let hit = true;
    if (!(now - this.renderedAt[klip] <= this.#embedTtl)) {
      hit = false;
      this.renderedAt[klip] = now;
      this.renderedDataAsOf[klip] = this.#klipDataAsOf(klip, now);
    }
    this.#observer.embedView(now - this.renderedDataAsOf[klip], hit, now);
  }

  #klipDataAsOf(klip: number, now: number): number {
    const { start, list } = this.#topo.klipSources;
    let oldest = now;
    for (let i = start[klip]; i < start[klip + 1]; i++) {
      const asOf = this.#src.dataAsOf(list[i]);
      if (asOf < oldest) oldest = asOf;
    }
    return oldest;
  }
}

/**
 * Per account, the sources its dashboard shows: its sources that feed at least one Klip and refresh on
 * an interval (dashboard freshness is measured over these).
 */
function dashboardSources(topo: Topology): Rows {
  const onKlip = new Uint8Array(topo.sourceIds.length);
  for (const s of topo.klipSources.list) onKlip[s] = 1;
  const { start, list } = topo.accountSources;
  return rows(topo.accountIds.length, function* (a) {
    for (let i = start[a]; i < start[a + 1]; i++) if (onKlip[list[i]] === 1 && topo.sourceInterval[list[i]] !== Infinity) yield list[i];
  });
}
