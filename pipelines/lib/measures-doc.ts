import { DEFINITION_SECTIONS, definitionAnchor, DEFINITIONS, GLOSSARY } from '../../core';

const INTRO = `# Measures — what every figure means

Every number the dashboard, the command line and the outcome study show is one of the measures
below, or one of them broken down by program, cohort or covariate. The browser (DuckDB-WASM) and
the command line (native DuckDB) run the same SQL, and the test suite checks each measure on both
engines against values computed independently in R (\`test/fixtures/golden/\`).

This page is generated from \`core/catalogue/definitions.ts\`, the module the dashboard's
Definitions view reads: \`npm run pipelines -- measures-doc\` rewrites it, and a test fails when the
two disagree. The data the measures read is described in [export-contract.md](export-contract.md).

## Common ground

- **Extract date** — the date the export was taken (\`manifest.json\`, else the latest date in
  the data). Episodes open then are open; every "by day k" figure needs k days of follow-up
  before it.
- **Cohort** — episodes of the chosen level of care (IOP by default) admitted in the chosen date
  window, after the chosen filters (program, sex, age band, primary substance, co-occurring mental
  health, medication for addiction treatment, payer, referral source, housing). Episodes at other
  levels are only used as what came before and after.
- **Level order** — detox and residential above partial hospitalisation (PHP) above IOP above
  outpatient (OP). A lower level is a step-down, a higher one a step-up.
- **Discharged** — the episode has a discharge date. **Premature discharge** — dropped out or
  terminated. **Neutral exit** — incarcerated, died or other.
- **Length of stay** — discharge date minus admission date in days (the extract date while open).
- **Shares** carry a Wilson 95% interval with their numerator and denominator; **medians** their
  quartiles (interpolated linearly, as R's \`quantile(type = 7)\`); **means** a t interval. A figure
  with no interval says so below, and the dashboard does not claim one for it.
- Rows that break a rule of the export contract are left out of the measures and counted on the
  Data quality page; nothing is dropped silently.
- **Encounters** are read only through their totals per episode and staff role (services by
  attendance, attended minutes by format, the first attended date, no-show minutes, group minutes
  shared among a session's attendees, payments), built once from the clean encounters as the export
  loads. The app keeps these totals, not the encounter rows, so the memory an export takes grows
  with its episodes (a million IOP episodes are about 61 million encounters). The study's SQL
  appendix shows how the totals are built.
- **Small cells** — an exported report shows any count from 1 to 10 (and any share built on one)
  as "<11" and hides enough neighbouring cells that it cannot be worked back. The dashboard on
  your own screen shows exact numbers.
`;

/** docs/measures.md, written from the definitions module. */
export function measuresDoc(): string {
  const parts = [INTRO];
  for (const section of DEFINITION_SECTIONS) {
    parts.push(`\n## ${section.title}\n`);
    for (const key of section.keys) {
      const d = DEFINITIONS[key];
      parts.push(
        `\n<a id="${definitionAnchor(key)}"></a>\n### \`${key}\`\n\n` +
          `- **What it counts:** ${d.what}\n` +
          `- **Denominator:** ${d.denominator}\n` +
          `- **Interval:** ${d.interval}\n` +
          `- **Reference:** ${d.reference}\n`,
      );
    }
  }
  parts.push('\n## Glossary\n\n| term | meaning |\n|---|---|\n');
  for (const [term, meaning] of Object.entries(GLOSSARY)) parts.push(`| ${term} | ${meaning} |\n`);
  return parts.join('');
}
