import { CONTRACT_VERSION, ROW_RULES, TABLES, type ColumnSpec } from '../../core';

const INTRO = `# Export contract v${CONTRACT_VERSION} — the data IOP Outcomes reads

An export is what a treatment provider, payer or researcher hands to IOP Outcomes: a folder (or a
set of files picked in the browser) with one Parquet file per table, named \`<table>.parquet\`, and
optionally a \`manifest.json\`. The dashboard, the command line, the importers, the generator and
the tests all read this one definition. Its source is \`core/contract/schema.ts\`; this page is
written from it (\`npm run pipelines -- contract-doc\`) and a test fails when the two disagree.
What the measures compute from these tables is in [measures.md](measures.md).

## Ground rules

- \`programs\` and \`episodes\` are required. Every other table is optional: a measure that needs a
  table the export lacks says "not available: needs <table>" instead of failing.
- A producer may add columns of its own; they are ignored. Renaming, retyping or removing anything
  below makes a new contract version.
- **IDs** are 64-bit integers (BIGINT): pseudonyms a producer derives from its own record numbers
  with a keyed hash, so no record number leaves the provider.
- **Dates** are Parquet DATEs: calendar dates, no time of day, no time zone.
- **Codes** are lower-case text from the lists below.
- "may be null" means the column must be present but a value may be missing; an *optional column*
  may be left out altogether.

## manifest.json (optional)

\`\`\`json
{ "contract_version": "${CONTRACT_VERSION}", "extract_date": "2026-06-30",
  "source": "free text", "deidentification": "free text" }
\`\`\`

\`extract_date\` is the cut-off of the data: an episode without a discharge date was still open on
that day. Without a manifest the latest date found in any table is used.
`;

const VALIDATION = `
## How an export is checked

Every rule above is checked when an export is opened (\`npm run pipelines -- validate <folder>\` does
the same on the command line). Two kinds of finding:

- **Error** — the table cannot be used: a required column is missing, a column has the wrong type,
  or a key is duplicated. An export whose \`programs\` or \`episodes\` table is unusable cannot be
  opened.
- **Warning** — some rows break a row rule (an unknown code, a value out of range, an orphan
  reference, a date out of order or outside its episode). Those rows are counted, shown with up to
  five example keys on the Data quality page, and left out of the measures they would distort.
  Nothing is dropped without being counted.

Row rules across columns and tables:

`;

function rules(col: ColumnSpec): string {
  const parts: string[] = [];
  parts.push(col.nullable ? 'may be null' : 'not null');
  if (col.optional) parts.push('optional column');
  if (col.codes) parts.push(`one of ${col.codes.map((c) => `\`${c}\``).join(', ')}`);
  if (col.range) parts.push(`${col.range[0]} to ${col.range[1]}`);
  return parts.join('; ');
}

/** docs/export-contract.md, written from core/contract/schema.ts. */
export function contractDoc(): string {
  const parts = [INTRO];
  for (const t of TABLES) {
    parts.push(`\n## ${t.name}${t.required ? ' (required)' : ' (optional)'}\n\n${t.description}`);
    parts.push(` Key: ${t.key.map((k) => `\`${k}\``).join(' + ')} (unique).`);
    for (const fk of t.foreignKeys)
      parts.push(` \`${fk.column}\` must exist in \`${fk.references.table}.${fk.references.column}\`.`);
    parts.push('\n\n| column | type | meaning | rules |\n|---|---|---|---|\n');
    for (const col of t.columns)
      parts.push(`| \`${col.name}\` | ${col.type} | ${col.description} | ${rules(col)} |\n`);
  }
  parts.push(VALIDATION);
  for (const r of ROW_RULES) parts.push(`- \`${r.table}\`: ${r.description}\n`);
  parts.push(
    '\nA screen positive only for a prescribed medication (for example buprenorphine taken as part of ' +
      'medication for addiction treatment) is exported as `negative`.\n',
  );
  return parts.join('');
}
