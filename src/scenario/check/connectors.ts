// Checks of limits and connectors: fixed-window-only fields, preset limit ids, limit references.
import { CONNECTOR_PRESETS, type ConnectorPresetName } from '../presets.js';
import { type Checker, type IdSets, type Obj, list, obj, str } from './checker.js';

function checkLimits(c: Checker, limits: Obj): void {
  for (const [id, raw] of Object.entries(limits)) {
    const l = obj(raw);
    c.timezone(['limits', id, 'timezone'], l.timezone);
    if (l.kind === 'window' && l.type !== 'fixed') {
      if (l.resetAt !== undefined) c.at(['limits', id, 'resetAt'], 'applies only to fixed windows (add `type: fixed`)', true);
      if (l.timezone !== undefined) c.at(['limits', id, 'timezone'], 'applies only to fixed windows (add `type: fixed`)', true);
    }
  }
}

/** Returns the scopes of each connector's limits (which keys its sources must give). */
export function checkConnectors(c: Checker, d: Obj, ids: IdSets): Map<string, Set<string>> {
  const limits = obj(d.limits);
  checkLimits(c, limits);
  const scopesOf = new Map<string, Set<string>>();
  for (const [id, raw] of Object.entries(obj(d.connectors))) {
    ids.connectors.add(id);
    const conn = obj(raw);
    const scopes = new Set<string>();
    const preset = str(conn.preset);
    if (preset && Object.hasOwn(CONNECTOR_PRESETS, preset)) {
      for (const l of CONNECTOR_PRESETS[preset as ConnectorPresetName].limits) {
        scopes.add(l.scope);
        if (Object.hasOwn(limits, `${id}.${l.suffix}`)) c.at(['limits', `${id}.${l.suffix}`], `clashes with the limit the preset "${preset}" of connector \`${id}\` adds under this id`, true);
      }
    }
    list(conn.limits).forEach((ref, i) => {
      if (typeof ref !== 'string') return;
      if (!Object.hasOwn(limits, ref)) c.missing(['connectors', id, 'limits', i], 'limit', ref, Object.keys(limits));
      else scopes.add(String(obj(limits[ref]).scope));
    });
    scopesOf.set(id, scopes);
  }
  return scopesOf;
}
