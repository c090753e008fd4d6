/** Screen and print styles of the study document (inline: the file must stand alone). */
export const STUDY_CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5a5a5a; --rule: #d0d0d0; --accent: #1f5fa8; --warn: #8a4b00; }
* { box-sizing: border-box; }
body { font: 14px/1.45 Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; margin: 0 auto; max-width: 980px; padding: 24px 32px 48px; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 8px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 11px; color: var(--muted); margin: 0; }
h1 { font-size: 24px; line-height: 1.2; margin: 4px 0 8px; }
h2 { font-size: 18px; margin: 28px 0 8px; padding-bottom: 3px; border-bottom: 1px solid var(--rule); color: var(--accent); }
h3 { font-size: 13px; margin: 14px 0 4px; }
p { margin: 6px 0; }
.badge { display: inline-block; font-size: 12px; padding: 3px 8px; border: 1px solid var(--accent); border-radius: 3px; color: var(--accent); }
.badge.warn { border-color: var(--warn); color: var(--warn); }
dl.meta { display: grid; grid-template-columns: 170px 1fr; gap: 2px 12px; margin: 8px 0 12px; }
dl.meta dt { font-weight: bold; color: var(--muted); }
dl.meta dd { margin: 0; }
.definition { margin: 0 0 10px; break-inside: avoid; }
.definition h3 { margin: 0 0 4px; font-size: 1rem; }
.definition dl { display: grid; grid-template-columns: 130px 1fr; gap: 2px 12px; margin: 0; }
.definition dt { font-weight: bold; color: var(--muted); }
.definition dd { margin: 0; }
.primary { background: #f3f6fa; border-left: 4px solid var(--accent); padding: 6px 12px; }
.primary p { margin: 6px 0; }
table { border-collapse: collapse; width: 100%; margin: 10px 0 14px; font-size: 12.5px; }
caption { caption-side: top; text-align: left; font-size: 12px; color: var(--muted); padding-bottom: 4px; }
th, td { text-align: left; vertical-align: top; padding: 3px 6px; border-bottom: 1px solid #ececec; }
thead th { border-bottom: 2px solid var(--ink); font-size: 12px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td { font-variant-numeric: tabular-nums; }
tr.total th, tr.total td { font-weight: bold; border-top: 1.5px solid var(--ink); }
tr.var th { font-weight: bold; padding-top: 6px; }
tr.level th { font-weight: normal; padding-left: 18px; color: #333; }
tr.group th { background: #f3f3f3; font-weight: bold; }
td.imbalanced { color: var(--warn); font-weight: bold; }
.ci { color: var(--muted); }
.nowrap { white-space: nowrap; }
table.outcomes th[scope="row"] { width: 34%; }
.n { color: var(--muted); font-size: 11px; font-weight: normal; }
.note { font-size: 12px; color: var(--muted); }
table.compact { width: auto; min-width: 55%; }
figure { margin: 14px 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 12px; color: var(--muted); }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 11.5px; }
code.hash { font-size: 10.5px; word-break: break-all; }
pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 10.5px; line-height: 1.35; background: #f7f7f7; border: 1px solid #e4e4e4; padding: 8px; white-space: pre-wrap; overflow-wrap: anywhere; }
ul { padding-left: 20px; }
li { margin: 4px 0; }
footer { margin-top: 32px; border-top: 1px solid var(--rule); font-size: 11px; color: var(--muted); }
@page { size: A4; margin: 16mm 14mm 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  #participants, #outcomes, #adjusted, #reproducibility { break-before: page; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, tbody.keep, figure, .primary, dl.meta, .sql h3 { break-inside: avoid; }
  tr.group, tr.var { break-after: avoid; }
  table.flow, table.compact { break-inside: avoid; }
  caption { break-after: avoid; }
  .badge { border-width: 1px; }
  pre { font-size: 8pt; }
}
`;
