// Arrival processes (Poisson refreshes, embed views, public-link views) and the entities each one selects.
import type { EmbedSpec, EmbedViewProcess, KlipSpec, LinkViewProcess, RefreshProcess, SourceSpec } from '../model.js';
import { DEFAULTS } from '../presets.js';
import type { ScenarioInput } from '../schema.js';
import { parseRate } from '../../vocabulary/index.js';

type Arrival = NonNullable<ScenarioInput['arrivals']>[number];
type RefreshArrival = Extract<Arrival, { type: 'refresh' }>;
type EmbedViewArrival = Extract<Arrival, { type: 'embedView' }>;

/** The sources a refresh arrival selects, in model order. */
function selectSources(sel: RefreshArrival['sources'], sources: readonly SourceSpec[]): string[] {
  if (sel === undefined || sel === 'all') return sources.map((x) => x.id);
  if (Array.isArray(sel)) return sel;
  // one pass, no intermediate array: a selection may cover a million sources
  const out: string[] = [];
  const [key, value] = 'account' in sel ? (['account', sel.account] as const) : (['connector', sel.connector] as const);
  for (const x of sources) if (x[key] === value) out.push(x.id);
  return out;
}

/** The embeds an embed-view arrival selects, in model order. */
function selectEmbeds(sel: EmbedViewArrival['embeds'], embeds: readonly EmbedSpec[], klips: readonly KlipSpec[]): string[] {
  if (sel === undefined || sel === 'all') return embeds.map((e) => e.id);
  if (Array.isArray(sel)) return sel;
  const klipAccount = new Map(klips.map((k) => [k.id, k.account]));
  return embeds.filter((e) => klipAccount.get(e.klip) === sel.account).map((e) => e.id);
}

export interface Arrivals {
  refreshProcesses: RefreshProcess[];
  embedViewProcesses: EmbedViewProcess[];
  linkViewProcesses: LinkViewProcess[];
}

interface Selectable {
  sources: readonly SourceSpec[];
  embeds: readonly EmbedSpec[];
  klips: readonly KlipSpec[];
  accounts: readonly { id: string }[];
}

export function expandArrivals(input: ScenarioInput['arrivals'], e: Selectable): Arrivals {
  const out: Arrivals = { refreshProcesses: [], embedViewProcesses: [], linkViewProcesses: [] };
  for (const a of input ?? []) {
    if (a.type === 'refresh') {
      out.refreshProcesses.push({ trigger: a.trigger ?? DEFAULTS.arrivalTrigger, rate: parseRate(a.rate), sources: selectSources(a.sources, e.sources) });
    } else if (a.type === 'linkView') {
      const sel = a.accounts ?? 'all';
      out.linkViewProcesses.push({ rate: parseRate(a.rate), accounts: sel === 'all' ? e.accounts.map((x) => x.id) : sel });
    } else {
      out.embedViewProcesses.push({ rate: parseRate(a.rate), embeds: selectEmbeds(a.embeds, e.embeds, e.klips) });
    }
  }
  return out;
}
