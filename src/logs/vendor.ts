// The vendor API's data-source records (JSON) mapped onto inventory rows, saying what could not be mapped.
import type { Problem } from '../scenario/index.js';
import type { InventoryRow } from './types.js';

const USED = new Set(['id', 'name', 'connector', 'type', 'refresh_interval', 'account', 'account_id', 'client_id']);
const ID_RE = /^[^\s,"']+$/;

/** 1-based line of each top-level array element's opening brace (strings respected). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      if (depth === 1) lines.push(line);
      depth++;
    } else if (ch === '}' || ch === ']') depth--;
  }
  return lines;
}

/** Inventory rows from `[{ id, name, connector | type, refresh_interval, account? }]`. */
export function parseVendorJson(text: string, file: string) {
  const problems: Problem[] = [];
  const notes: string[] = [];
  const rows: InventoryRow[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    problems.push({ file, line: 1, path: '', message: `not valid JSON: ${(e as Error).message}` });
    return { rows, badRows: 0, problems, notes };
  }
  if (!Array.isArray(data)) {
    problems.push({ file, line: 1, path: '', message: 'expected an array of data-source records' });
    return { rows, badRows: 0, problems, notes };
  }
  const lines = elementLines(text);
  const unused = new Set<string>();
  let noAccount = 0;
  let badRows = 0;
  data.forEach((rec, i) => {
    const line = lines[i] ?? 1;
    const bad = (path: string, message: string) => problems.push({ file, line, path: `[${i}]${path ? `.${path}` : ''}`, message });
    const before = problems.length;
    if (!rec || typeof rec !== 'object' || Array.isArray(rec)) {
      bad('', 'expected an object with id, name, connector or type, refresh_interval');
      badRows++;
      return;
    }
    const r = rec as Record<string, unknown>;
    for (const k of Object.keys(r)) if (!USED.has(k)) unused.add(k);
    const id = r.id === undefined ? '' : String(r.id);
    if (!ID_RE.test(id)) bad('id', id === '' ? 'is missing' : `${JSON.stringify(r.id)} is not an id (no spaces, commas or quotes)`);
    const connector = r.connector ?? r.type;
    if (typeof connector !== 'string' || !ID_RE.test(connector)) bad(r.connector === undefined ? 'type' : 'connector', connector === undefined ? 'neither connector nor type is given' : `${JSON.stringify(connector)} is not a connector id`);
    const iv = r.refresh_interval;
    let interval: number | null = null;
    if (typeof iv === 'number' && Number.isFinite(iv) && iv >= 60) interval = iv;
    else if (!(iv === null || iv === 0 || iv === undefined || iv === 'manual')) bad('refresh_interval', `expected seconds >= 60, 0 or null for manual (got ${JSON.stringify(iv)})`);
    const acc = r.account ?? r.account_id ?? r.client_id;
    const account = acc === undefined ? '' : String(acc);
    if (account !== '' && !ID_RE.test(account)) bad('account', `${JSON.stringify(acc)} is not an id`);
    if (problems.length > before) {
      badRows++;
      return;
    }
    if (account === '') noAccount++;
    rows.push({ source: id, account: account || 'unassigned', connector: connector as string, interval, klips: [], line });
  });
  if (unused.size) notes.push(`${file}: fields not mapped (the simulator has no use for them): ${[...unused].sort().join(', ')}`);
  if (noAccount) notes.push(`${file}: ${noAccount} record${noAccount === 1 ? '' : 's'} without account, account_id or client_id: put in account "unassigned" unless the refresh log names their account`);
  notes.push(`${file}: the vendor records carry no OAuth token, GA profile or Google user: limits on those scopes cannot be derived from them`);
  return { rows, badRows, problems, notes };
}
