// Human formatting of seconds and numbers for the console.

export function human(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '-';
  const s = Math.abs(seconds);
  if (s < 1) return `${(seconds * 1000).toFixed(0)} ms`;
  if (s < 60) return `${seconds.toFixed(1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} m ${Math.round(s % 60)} s`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} m`;
  return `${(s / 86400).toFixed(1)} d`;
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
