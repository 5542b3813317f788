// The report's stylesheet, inlined into index.html (no external CSS, system fonts only).
export const REPORT_CSS = `
:root {
  --bg: #f5f6f8; --panel: #ffffff; --text: #1f2328; --muted: #5b636e; --line: #e3e6ea;
  --accent: #4c78a8; --warn: #e45756; --stripe: #fafbfc;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif;
  color: var(--text); background: var(--bg); line-height: 1.45;
}
* { box-sizing: border-box; }
body { margin: 0; }
.page-head { background: var(--panel); border-bottom: 1px solid var(--line); padding: 20px clamp(16px, 4vw, 40px) 16px; }
.eyebrow { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--accent); font-weight: 600; }
h1 { margin: 4px 0 6px; font-size: clamp(22px, 3vw, 30px); overflow-wrap: anywhere; }
h2 { font-size: 20px; margin: 0 0 12px; }
h3 { font-size: 15px; margin: 0 0 8px; }
main { padding: 20px clamp(16px, 4vw, 40px) 8px; max-width: 1400px; margin: 0 auto; }
section { margin: 0 0 28px; }
footer { padding: 8px clamp(16px, 4vw, 40px) 28px; max-width: 1400px; margin: 0 auto; font-size: 13px; }
.muted { color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 145px), 1fr)); gap: 12px; }
.card, .panel, .chart, .table-wrap { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; box-shadow: 0 1px 2px rgba(0,0,0,.04); }
.card { padding: 14px 16px; border-top: 3px solid var(--accent); }
.card-label { font-size: 13px; color: var(--muted); font-weight: 600; }
.card-value { font-size: 24px; font-weight: 700; margin: 2px 0 4px; font-variant-numeric: tabular-nums; white-space: nowrap; }
.card-note { font-size: 12.5px; color: var(--muted); }
.card-pm { display: block; font-size: 16px; font-weight: 600; color: var(--muted); white-space: nowrap; margin-top: -2px; }
.nowrap { white-space: nowrap; }
.cards-note { font-size: 12.5px; margin: 10px 0 0; }
a { color: var(--accent); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 460px), 1fr)); gap: 12px; margin-bottom: 12px; }
.chart { margin: 0; padding: 12px; }
.chart.wide { grid-column: 1 / -1; }
.chart-box { position: relative; height: 320px; }
.chart figcaption { font-size: 12.5px; color: var(--muted); margin-top: 8px; }
.table-wrap { overflow-x: auto; margin-bottom: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
caption { text-align: left; font-weight: 600; padding: 10px 12px 6px; }
th, td { padding: 6px 10px; border-top: 1px solid var(--line); text-align: left; white-space: nowrap; }
thead th { background: var(--stripe); font-size: 12.5px; color: var(--muted); border-top: 1px solid var(--line); }
tbody tr:nth-child(even) { background: var(--stripe); }
tbody th { font-weight: 500; max-width: 28em; overflow: hidden; text-overflow: ellipsis; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.kv th { width: 40%; color: var(--muted); }
.kv td { white-space: normal; overflow-wrap: anywhere; }
td.wrap { white-space: normal; overflow-wrap: anywhere; min-width: 8em; }
.empty { color: var(--muted); text-align: center; }
.meter-cell { font-variant-numeric: tabular-nums; }
.meter { display: inline-block; vertical-align: middle; width: 64px; height: 8px; border-radius: 4px; background: var(--line); overflow: hidden; margin-right: 6px; }
.meter > span { display: block; height: 100%; background: var(--accent); }
.meter.full > span { background: var(--warn); }
.panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; margin-bottom: 12px; }
.panel { padding: 14px 16px; }
.panel p { font-size: 12.5px; margin: 8px 0 0; }
.stats { display: grid; grid-template-columns: repeat(4, auto); justify-content: space-between; gap: 8px 14px; margin: 0; }
.stats dt { font-size: 12px; color: var(--muted); }
.stats dd { margin: 0; white-space: nowrap; font-size: 16px; font-weight: 600; font-variant-numeric: tabular-nums; }
.two-col { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); gap: 12px; }
.verdicts { background: var(--panel); border: 1px solid var(--line); border-left: 6px solid var(--muted); border-radius: 10px; padding: 12px 16px; margin: 0 0 14px; }
.verdicts.pass { border-left-color: #2f9e44; } .verdicts.fail { border-left-color: #d6336c; background: #fff5f7; } .verdicts.warn { border-left-color: #f08c00; background: #fffaf0; }
.verdict-head { margin: 0; display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; font-weight: 600; }
.verdict-badge { font-size: 15px; font-weight: 800; letter-spacing: .04em; padding: 2px 10px; border-radius: 6px; color: #fff; background: var(--muted); white-space: nowrap; }
.verdict-badge.pass { background: #2f9e44; } .verdict-badge.fail { background: #d6336c; } .verdict-badge.warn { background: #f08c00; }
.verdict-list { list-style: none; margin: 8px 0 0; padding: 0; }
.verdict-row { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 8px; padding: 3px 0; overflow-wrap: anywhere; }
.verdict-row .mark { font-weight: 800; width: 1em; text-align: center; }
.verdict-row .word { font-weight: 700; font-size: 12.5px; min-width: 3.2em; }
.verdict-row.pass .mark, .verdict-row.pass .word { color: #2f9e44; } .verdict-row.fail .mark, .verdict-row.fail .word { color: #d6336c; } .verdict-row.warn .mark, .verdict-row.warn .word { color: #c26a00; }
.verdict-row code { font-size: 13.5px; background: var(--stripe); padding: 0 4px; border-radius: 4px; }
.verdict-note { font-size: 12.5px; margin: 6px 0 0; }
.diagnosis { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; margin: 0 0 14px; }
.diagnosis h2 { font-size: 16px; margin: 0 0 4px; }
.diagnosis p { margin: 4px 0; }
.diagnosis code { background: var(--stripe); padding: 0 4px; border-radius: 4px; overflow-wrap: anywhere; }
.share-bar { display: flex; height: 10px; border-radius: 5px; overflow: hidden; background: var(--line); margin-top: 8px; }
.share-bar .share.queue { background: #4c78a8; } .share-bar .share.limit { background: #f58518; } .share-bar .share.other-limits { background: #ffbf79; }
.peak { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; margin: 0 0 14px; }
.peak h2 { font-size: 16px; margin: 0 0 6px; }
.peak-stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 6px 14px; margin: 0; }
.peak-stats dt { font-size: 12px; color: var(--muted); font-weight: 600; }
.peak-stats dd { margin: 0; font-size: 20px; font-weight: 700; font-variant-numeric: tabular-nums; }
.peak-stats dd.stat-note { font-size: 12px; font-weight: 400; color: var(--muted); }
.chart-empty { background: var(--panel); border: 1px dashed var(--line); border-radius: 10px; padding: 14px 16px; margin: 0 0 12px; grid-column: 1 / -1; }
.empty-panel p { font-size: 13.5px; }
/* on a narrow screen the row names stay in view while a wide table scrolls inside its frame */
tbody th[scope="row"], thead th:first-child { position: sticky; left: 0; z-index: 1; background: var(--panel); }
tbody tr:nth-child(even) th[scope="row"] { background: var(--stripe); }
thead th:first-child { background: var(--stripe); }
@media (max-width: 600px) {
  main { padding: 14px 10px 8px; }
  .page-head { padding: 14px 12px 12px; }
  .card-value { font-size: 22px; }
  .chart { padding: 8px 4px; }
  .chart-box { height: 280px; }
  tbody th { max-width: 11em; }
  .kv th { white-space: normal; overflow-wrap: anywhere; }
  .verdicts, .diagnosis, .peak { padding: 10px 12px; }
}
.zoom-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; margin-top: 8px; font-size: 12.5px; }
.zoom-bar[hidden] { display: none; }
.zoom-bar button { font: inherit; padding: 3px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--stripe); color: var(--text); cursor: pointer; }
.zoom-bar button:hover { border-color: var(--accent); }
.notice { background: #fff8e6; border: 1px solid #f2d48b; border-radius: 8px; padding: 10px 14px; }
@media print { .chart-box { height: 260px; } body { background: #fff; } }
`;
