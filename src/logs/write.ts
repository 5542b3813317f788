// Writing a run's requests, sessions and sources in the documented log formats (the round-trip tool).
import type { Model } from '../scenario/index.js';
import type { RequestRecord } from '../vocabulary/index.js';
import { INVENTORY_COLUMNS, REFRESH_COLUMNS, SESSION_COLUMNS } from './formats.js';

const iso = (startEpochMs: number, t: number): string => new Date(startEpochMs + Math.round(t * 1000)).toISOString();

function header(c: { required: readonly string[]; optional: readonly string[] }): string {
  return [...c.required, ...c.optional].join(',') + '\n';
}

/**
 * Collects request records (from the simulator's onRequest) and writes the refresh log, sorted by
 * enqueue time as production logs are. Records of requests still pending are written as `pending`.
 */
export class RefreshLogWriter {
  readonly #rows: { at: number; seq: number; text: string }[] = [];
  constructor(readonly startEpochMs: number) {}

  add(r: RequestRecord): void {
    const t = (x: number | null) => (x === null ? '' : iso(this.startEpochMs, x));
    const cells = [r.source, r.account, r.connector, r.trigger, t(r.enqueueAt), t(r.startAt), t(r.endAt), r.outcome, r.deferred > 0 ? r.deferred.toFixed(3) : '0', r.deferLimit];
    this.#rows.push({ at: r.enqueueAt, seq: this.#rows.length, text: cells.join(',') });
  }

  get size(): number {
    return this.#rows.length;
  }

  text(): string {
    const rows = [...this.#rows].sort((a, b) => a.at - b.at || a.seq - b.seq);
    return header(REFRESH_COLUMNS) + rows.map((r) => r.text + '\n').join('');
  }
}

/** The session log of a model's session traces (login processes leave no per-user record to write). */
export function sessionLogText(model: Model): string {
  const account = new Map(model.users.map((u) => [u.id, u.account] as const));
  const rows = model.sessions.map((s) => [s.user, account.get(s.user) ?? '', iso(model.startEpochMs, s.at), iso(model.startEpochMs, s.at + s.duration), ''].join(','));
  return header(SESSION_COLUMNS) + rows.map((r) => r + '\n').join('');
}

/** The data-source inventory of a model. */
export function inventoryText(model: Model): string {
  const klips = new Map<string, string[]>();
  for (const k of model.klips) for (const s of k.sources) klips.set(s, [...(klips.get(s) ?? []), k.id]);
  const rows = model.sources.map((s) =>
    [s.id, s.account, s.connector, s.interval === null ? 'manual' : String(s.interval), s.token ?? '', s.gaProfile ?? '', s.googleUser ?? '', (klips.get(s.id) ?? []).join(';')].join(','),
  );
  return header(INVENTORY_COLUMNS) + rows.map((r) => r + '\n').join('');
}
