// Production logs (refresh log, session log, inventory, vendor records): reading, checking, writing.
export * from './types.js';
export { readLogs, type ReadLogsResult } from './read.js';
export { parseRefreshLog, parseSessionLog, parseInventory, REFRESH_COLUMNS, SESSION_COLUMNS, INVENTORY_COLUMNS } from './formats.js';
export { parseVendorJson } from './vendor.js';
export { parseLogTime } from './csv.js';
export { RefreshLogWriter, sessionLogText, inventoryText } from './write.js';
