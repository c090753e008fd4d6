import { isSuppressed, suppressionLabel } from '../privacy/small-cell';
import { html, raw, type Html } from '../render/html';
import { studyCharts, type StudyCharts } from './charts';
import { comparativeCharts, type ComparativeCharts } from './comparative-charts';
import { comparativeSection } from './comparative-html';
import { comparativeLimitations, comparativeSummary } from './comparative-narrative';
import {
  count,
  differenceText,
  money,
  moneyInterval,
  NOT_AVAILABLE,
  number,
  outcomeText,
  percent,
  pValue,
} from './format';
import { definitionsSection } from './html-definitions';
import { figure } from './html-figure';
import { limitations, summarySentences } from './narrative';
import { STUDY_CSS } from './html-style';
import type { BaselineVariable, CostFigures, CostValue, OutcomeRow, PerArm, Shown, Study } from './types';

/**
 * The study as one self-contained HTML document: inline CSS and SVG, no script, no external
 * resource, print styles for a clean PDF. Built with html`…`, so every text is escaped.
 */
export async function studyHtml(study: Study, charts?: StudyCharts): Promise<string> {
  const c = charts ?? (await studyCharts(study));
  const cc = await comparativeCharts(study);
  return `${html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta
          http-equiv="Content-Security-Policy"
          content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        />
        <title>${study.meta.title}</title>
        <style>
          ${raw(STUDY_CSS)}
        </style>
      </head>
      <body>
        ${body(study, c, cc)}
      </body>
    </html> `}`;
}

const SECTION_LABELS: Record<OutcomeRow['section'], string> = {
  discharge: 'Discharge',
  retention: 'Retention',
  abstinence: 'Abstinence (drug screens)',
  followup: 'Follow-up after discharge',
  continuing_care: 'Continuing care',
};

const hasComparatorData = (s: Study) => s.n.comparator !== null;

/** The document's body (also embedded by the app). */
export function studyBody(
  s: Study,
  charts: StudyCharts,
  comparative: ComparativeCharts | null = null,
): string {
  return body(s, charts, comparative).text;
}

function body(s: Study, charts: StudyCharts, comparative: ComparativeCharts | null): Html {
  const sections = [
    header(s),
    summary(s),
    comparativeSection(s, comparative),
    design(s),
    participants(s),
    outcomes(s, charts),
    adjusted(s, charts),
    cost(s),
    limits(s),
    reproducibility(s),
    definitionsSection(s),
    footer(s),
  ];
  return html`${sections.map((x, i) => html`${i ? '\n' : ''}${x}`)}`;
}

function header(s: Study): Html {
  const privacy =
    s.meta.privacy === 'small-cell'
      ? html`<p class="badge">
          Small-cell rule applied: a count from 1 to 10 is shown as “&lt;11”, as is any rate or figure built
          on one; “suppressed” marks a cell hidden so that a “&lt;11” cannot be worked back from a total.
        </p>`
      : html`<p class="badge warn">
          On-screen view with exact small numbers — not for distribution. Exports apply the small-cell rule.
        </p>`;
  return html`<header>
    <p class="kicker">IOP Outcomes · outcome study</p>
    <h1>${s.meta.title}</h1>
    ${privacy}
  </header>`;
}

function windowText(s: Study): string {
  const w = s.meta.window;
  const a = s.meta.admitted.program;
  if (!w.from && !w.to) return `all admissions in the export${a.first ? ` (${a.first} to ${a.last})` : ''}`;
  if (w.from && w.to) return `admitted ${w.from} to ${w.to}`;
  return w.from ? `admitted from ${w.from}` : `admitted up to ${w.to}`;
}

function filtersText(s: Study): string {
  const parts = Object.entries(s.meta.filters)
    .filter(([, v]) => v && v.length)
    .map(
      ([k, v]) =>
        `${k.replaceAll('_', ' ')}: ${(v as unknown[]).map((x) => (x === null ? 'unknown' : String(x))).join(', ')}`,
    );
  return parts.length ? parts.join('; ') : 'none';
}

const paragraphs = (texts: string[]): Html[] =>
  texts.map(
    (x, i) =>
      html`${i ? '\n' : ''}
        <p>${x}</p>`,
  );

function summary(s: Study): Html {
  const rows: [string, string][] = [
    ['Program', s.meta.programLabel],
    ['Comparator', `${s.meta.comparatorLabel} — ${s.meta.comparatorDescription}`],
    ['Level of care', s.meta.level.toUpperCase()],
    ['Admission window', windowText(s)],
    ['Cohort filters', filtersText(s)],
    [
      'Analysed episodes',
      `${count(s.n.program)} (program)${s.n.comparator !== null ? `, ${count(s.n.comparator)} (comparator)` : ''}`,
    ],
    ['Data source', s.meta.source ?? 'not stated in the export manifest'],
    ['Extract date', s.meta.extractDate],
  ];
  return html`<section id="summary">
    <h2>Summary</h2>
    <dl class="meta">
      ${rows.map(
        ([k, v]) =>
          html`<dt>${k}</dt>
            <dd>${v}</dd>`,
      )}
    </dl>
    ${
      s.comparative
        ? html`<div class="primary answer">${paragraphs(comparativeSummary(s))}</div>
            <h3>Unadjusted comparison</h3>`
        : null
    }
    <div class="primary">${paragraphs(summarySentences(s))}</div>
  </section>`;
}

const armHead = (s: Study, extra = ''): Html =>
  html`<th scope="col">${s.meta.programLabel}${extra && ` ${extra.replace('{n}', count(s.n.program))}`}</th>
    ${
      (s.n.comparator !== null || s.meta.comparatorKind === 'external') &&
      html`<th scope="col">
        ${s.meta.comparatorLabel}${extra && s.n.comparator !== null ? ` ${extra.replace('{n}', count(s.n.comparator))}` : ''}
      </th>`
    }`;

function design(s: Study): Html {
  const comparatorCol = s.flow.some((f) => f.counts.comparator !== null);
  const flow = s.flow.map(
    (f) =>
      html`<tr class="${f.key === 'analysed' ? 'total' : ''}">
        <th scope="row">${f.key === 'exported' || f.key === 'analysed' ? '' : '− '}${f.label}</th>
        <td class="num">${count(f.counts.program)}</td>
        ${comparatorCol && html`<td class="num">${count(f.counts.comparator)}</td>`}
      </tr>`,
  );
  const validation = s.validation.length
    ? html`<table class="compact">
        <caption>
          Rows left out by validation, by rule (all tables of the export)
        </caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Table</th>
            <th scope="col" class="num">Rows</th>
          </tr>
        </thead>
        <tbody>
          ${s.validation.map(
            (v) =>
              html`<tr>
                <td><code>${v.rule}</code></td>
                <td>${v.table}</td>
                <td class="num">${count(v.rows)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`
    : html`<p>No row of the export broke a validation rule.</p>`;
  return html`<section id="design">
    <h2>Design</h2>
    <p>
      Retrospective cohort study of routinely collected treatment records, exported under the IOP Outcomes
      export contract v${s.meta.contractVersion} and analysed with the definitions of
      <em>measures v1.1</em> (see <a href="#definitions">Definitions</a>). The program cohort is every
      ${s.meta.level.toUpperCase()} episode of ${s.meta.programLabel} ${windowText(s)} (cohort filters:
      ${filtersText(s)}). Comparator: ${s.meta.comparatorDescription} Episodes still open on the extract date
      (${s.meta.extractDate}) are included and censored where a measure needs a discharge.
    </p>
    <table class="flow">
      <caption>
        Flow of episodes from the export to the analysis
      </caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col" class="num">${s.meta.programLabel}</th>
          ${comparatorCol && html`<th scope="col" class="num">${s.meta.comparatorLabel}</th>`}
        </tr>
      </thead>
      <tbody>
        ${flow}
      </tbody>
    </table>
    ${validation}
  </section>`;
}

function pctOf(x: Shown<number> | null, n: Shown<number> | null): string {
  if (x === null || n === null || x === 0) return '';
  if (isSuppressed(x) || isSuppressed(n) || n === 0) return '';
  return ` (${percent(x / n)})`;
}

function baselineRows(s: Study, v: BaselineVariable): Html {
  const cmp = hasComparatorData(s);
  const smd =
    v.smd === null
      ? NOT_AVAILABLE
      : isSuppressed(v.smd)
        ? suppressionLabel(v.smd)
        : number(v.smd, 2) + (v.smdCombined ? '*' : '');
  const flag = v.smd !== null && !isSuppressed(v.smd) && v.smd > 0.1 ? ' imbalanced' : '';
  const missing = `${count(v.missing.program)}${pctOf(v.missing.program, s.n.program)}${cmp ? ` / ${count(v.missing.comparator)}${pctOf(v.missing.comparator, s.n.comparator)}` : ''}`;
  const tail = html`${cmp && html`<td class="num${flag}">${smd}</td>`}
    <td class="num">${missing}</td>`;
  const blank = html`<td></td>`;
  if (v.kind === 'continuous' && v.summary) {
    const med = (x: typeof v.summary.program | null) =>
      x === null || (!isSuppressed(x) && x.median === null)
        ? NOT_AVAILABLE
        : isSuppressed(x)
          ? suppressionLabel(x)
          : `${number(x.median, 0)} (${number(x.q1, 0)}–${number(x.q3, 0)})`;
    const mean = (x: typeof v.summary.program | null) =>
      x === null || (!isSuppressed(x) && x.mean === null)
        ? NOT_AVAILABLE
        : isSuppressed(x)
          ? suppressionLabel(x)
          : `${number(x.mean, 1)}${x.sd === null ? '' : ` (${number(x.sd, 1)})`}`;
    return html`<tr class="var">
        <th scope="row">${v.label}, median (IQR)</th>
        <td>${med(v.summary.program)}</td>
        ${cmp && html`<td>${med(v.summary.comparator)}</td>`}${tail}
      </tr>
      <tr class="level">
        <th scope="row">mean (SD)</th>
        <td>${mean(v.summary.program)}</td>
        ${cmp && html`<td>${mean(v.summary.comparator)}</td>`}${cmp && blank}
        <td></td>
      </tr>`;
  }
  const head = html`<tr class="var">
    <th scope="row">${v.label}, n (%)</th>
    <td></td>
    ${cmp && blank}${tail}
  </tr>`;
  const levels = v.levels.map(
    (l, i) =>
      html`${i ? '\n' : ''}
        <tr class="level">
          <th scope="row">${l.label}</th>
          <td>${count(l.counts.program)}${pctOf(l.counts.program, s.n.program)}</td>
          ${
            cmp && html`<td>${count(l.counts.comparator)}${pctOf(l.counts.comparator, s.n.comparator)}</td>`
          }${cmp && blank}
          <td></td>
        </tr>`,
  );
  return html`<tbody class="keep">
    ${head} ${levels}
  </tbody>`;
}

function participants(s: Study): Html {
  const cmp = hasComparatorData(s);
  const rows = s.baseline.map((v, i) => {
    const r = baselineRows(s, v);
    return html`${i ? '\n' : ''}${
      v.kind === 'continuous'
        ? html`<tbody class="keep">
            ${r}
          </tbody>`
        : r
    }`;
  });
  const combined = s.baseline.some((v) => v.smdCombined);
  return html`<section id="participants">
    <h2>Participants (Table 1)</h2>
    <table class="table1">
      <caption>
        Baseline characteristics at admission. Percentages are of all analysed episodes of the column; SMD =
        absolute standardised mean difference among known values (above 0.1 highlighted).
      </caption>
      <thead>
        <tr>
          <th scope="col">Characteristic</th>
          ${armHead(s, '(n = {n})')}${cmp && html`<th scope="col" class="num">SMD</th>`}
          <th scope="col" class="num">Missing${cmp ? ' (program / comparator)' : ''}</th>
        </tr>
      </thead>
      ${rows}
    </table>
    ${combined && html`<p class="note">* SMD computed with the categories hidden by the small-cell rule combined into one.</p>`}
    ${!cmp && html`<p class="note">The external reference has no episode-level data, so there is no baseline comparison.</p>`}
  </section>`;
}

/** `quiet`: no reason under an empty cell (an external reference that gives only some figures). */
function outcomeCell(x: OutcomeRow['values']['program'] | null, quiet = false): Html {
  const t = outcomeText(x);
  return html`<td${t.reason && html` title="${t.reason}"`}><span class="nowrap"><span class="v">${t.value}</span>${t.interval && html` <span class="ci">(${t.interval})</span>`}</span>${t.counts && html`<br /><span class="n">${t.counts}</span>`}${
    t.reason && t.value === NOT_AVAILABLE && !quiet && html`<br /><span class="n">${t.reason}</span>`
  }</td>`;
}

function outcomes(s: Study, charts: StudyCharts): Html {
  const external = s.meta.comparatorKind === 'external';
  const showComparator = s.n.comparator !== null || external;
  const given = s.outcomes.filter(
    (o) => o.values.comparator && !isSuppressed(o.values.comparator) && o.values.comparator.value !== null,
  );
  const externalNote =
    external &&
    html`<p class="note">
      ${s.meta.comparatorLabel.charAt(0).toUpperCase() + s.meta.comparatorLabel.slice(1)}
      (${s.meta.externalSource ?? ''}) gives
      ${given.length ? given.map((o) => o.label.toLowerCase()).join(', ') : 'no figure the study reports'};
      the other rows have no comparator.
    </p>`;
  const sections = [...new Set(s.outcomes.map((o) => o.section))];
  const body = sections.map((sec, i) => {
    const rows = s.outcomes
      .filter((o) => o.section === sec)
      .map(
        (o, j) =>
          html`${j ? '\n' : ''}
            <tr>
              <th scope="row">${o.label}${o.note && html`<br /><span class="n">${o.note}</span>`}</th>
              ${outcomeCell(o.values.program)}${
                showComparator &&
                html`${outcomeCell(o.values.comparator, external)}
                  <td>${differenceText(o.difference)}</td>`
              }
            </tr>`,
      );
    const lr = s.retention.logRank;
    const logRank =
      sec === 'retention' &&
      lr &&
      html`<tr class="level">
        <th scope="row">Log-rank test, whole curve</th>
        <td colspan="${showComparator ? 3 : 1}">χ² = ${number(lr.chisq, 2)}, df ${lr.df}, ${pValue(lr.p)}</td>
      </tr>`;
    return html`${i ? '\n' : ''}
      <tbody>
        <tr class="group">
          <th scope="rowgroup" colspan="${showComparator ? 4 : 2}">${SECTION_LABELS[sec]}</th>
        </tr>
        ${rows} ${logRank}${sec === 'retention' && retentionExtraRows(s, showComparator)}
      </tbody>`;
  });
  const cmp = hasComparatorData(s);
  const reasons =
    s.dischargeReasons.length > 0 &&
    html`<table class="compact">
      <caption>
        Discharge reasons (discharged episodes)
      </caption>
      <thead>
        <tr>
          <th scope="col">Reason</th>
          <th scope="col" class="num">${s.meta.programLabel}</th>
          ${cmp && html`<th scope="col" class="num">${s.meta.comparatorLabel}</th>`}
        </tr>
      </thead>
      <tbody>
        ${s.dischargeReasons.map(
          (r) =>
            html`<tr>
              <th scope="row">${r.reason.replaceAll('_', ' ')}</th>
              <td class="num">${count(r.counts.program)}</td>
              ${cmp && html`<td class="num">${count(r.counts.comparator)}</td>`}
            </tr>`,
        )}
      </tbody>
    </table>`;
  const trunc = (['program', 'comparator'] as const)
    .filter((a) => s.retention.truncatedAt[a] !== null && s.retention.truncatedAt[a] !== undefined)
    .map(
      (a) =>
        `${a === 'program' ? s.meta.programLabel : s.meta.comparatorLabel}: drawn to day ${s.retention.truncatedAt[a]}`,
    );
  return html`<section id="outcomes">
    <h2>Outcomes</h2>
    <table class="outcomes">
      <caption>
        Outcomes with 95% intervals (Wilson for proportions, log(−log) Greenwood for Kaplan–Meier). Difference
        = program minus comparator in percentage points with Newcombe's hybrid score interval (at day 90 of
        the Kaplan–Meier curve: two Greenwood standard errors on the plain scale).
      </caption>
      <thead>
        <tr>
          <th scope="col">Outcome</th>
          ${armHead(s)}${showComparator && html`<th scope="col">Difference, points (95% CI)</th>`}
        </tr>
      </thead>
      ${body}
    </table>
    ${externalNote} ${reasons}
    ${studyFigure(charts.retention, 'Retention: share not dropped out (not prematurely discharged: retained or completed) by day since admission (Kaplan–Meier, 95% bands)', `Completers stay in this curve after they finish, so it is not the share still in treatment.${trunc.length ? ` Curves end where fewer than 11 episodes remain at risk (${trunc.join('; ')}).` : ''}`)}
    ${studyFigure(charts.inTreatment, 'Still in treatment: share not yet discharged for any reason by day since admission (Kaplan–Meier, 95% bands)', '')}
    ${studyFigure(charts.differences, 'Differences between the program and its comparator (percentage points, 95% Newcombe intervals)', '')}
  </section>`;
}

/** RMST to day 90 with its difference, and the warning when the curves cross. */
function retentionExtraRows(s: Study, showComparator: boolean): Html {
  const r = s.retention;
  const days = (x: Study['retention']['rmst']['program']) =>
    x === null
      ? NOT_AVAILABLE
      : isSuppressed(x)
        ? suppressionLabel(x)
        : html`<span class="v">${number(x.value, 1)}</span>
            <span class="ci">(${number(x.lower, 1)}–${number(x.upper, 1)})</span>`;
  const d = r.rmstDifference;
  const diff =
    d === null
      ? NOT_AVAILABLE
      : isSuppressed(d)
        ? suppressionLabel(d)
        : `${d.value > 0 ? '+' : ''}${number(d.value, 1)} days (${number(d.lower, 1)} to ${number(d.upper, 1)})`;
  const rmst = html`<tr>
    <th scope="row">Mean days not dropped out within the first 90 (restricted mean, 95% CI)</th>
    <td>${days(r.rmst.program)}</td>
    ${
      showComparator &&
      html`<td>${days(r.rmst.comparator)}</td>
        <td>${diff}</td>`
    }
  </tr>`;
  const cross =
    r.curvesCross &&
    html`<tr class="level">
      <td colspan="${showComparator ? 4 : 2}">
        The not-dropped-out curves cross before day 90: the day-90 difference and the log-rank test each miss
        part of the course; the restricted mean sums it.
      </td>
    </tr>`;
  return html`${rmst}${cross}`;
}

/** A study chart: labelled with its caption, a note after it. */
const studyFigure = (svg: string | null, caption: string, note = ''): Html | null =>
  figure(svg, `${caption}.${note && ` ${note}`}`, caption);

function adjusted(s: Study, charts: StudyCharts): Html {
  const a = s.adjusted;
  let body: Html;
  if (a.studied === null) body = html`<p>${a.reason ?? 'The risk-adjusted comparison is not available.'}</p>`;
  else if (isSuppressed(a.studied))
    body = html`<p>
      Observed / expected completion is ${suppressionLabel(a.studied)}: fewer than 11 completions or
      discharges.
    </p>`;
  else {
    const r = a.studied;
    body = html`<table class="compact">
        <caption>
          Observed / expected completion (logistic model on age band, sex, primary substance, co-occurring,
          prior episodes, court referral, housing and payer, fitted on every program)
        </caption>
        <thead>
          <tr>
            <th scope="col">Discharged</th>
            <th scope="col">Observed completions</th>
            <th scope="col">Expected</th>
            <th scope="col">O/E (95% CI)</th>
            <th scope="col">Risk-standardised rate</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td class="num">${count(r.n)}</td>
            <td class="num">${count(r.observed)}</td>
            <td class="num">${number(r.expected, 1)}</td>
            <td class="num">${number(r.oe, 2)} (${number(r.lower, 2)}–${number(r.upper, 2)})</td>
            <td class="num">${percent(r.standardized_rate)}</td>
          </tr>
        </tbody>
      </table>
      <p>
        An O/E above 1 means more completions than the model expects for this program's case mix. Overall
        completion across all programs: ${percent(a.overallRate)}. On the funnel plot of risk-standardised
        rates the program lies
        ${a.position ?? 'outside the plot'}${a.overdispersion?.tau2 ? ' (limits widened for over-dispersion)' : ''}.
      </p>`;
  }
  const hiddenPoints = a.points.filter((p) => isSuppressed(p)).length;
  return html`<section id="adjusted">
    <h2>Adjusted comparison</h2>
    ${body}${modelNote(a)}
    ${studyFigure(charts.funnel, `Funnel plot: risk-standardised completion rate of every program against its discharges, with 95% and 99.8% limits around the overall rate${a.overdispersion?.tau2 ? " widened for over-dispersion (τ² added to each program's variance)" : ''}`, hiddenPoints ? `${hiddenPoints} program${hiddenPoints > 1 ? 's are' : ' is'} not drawn under the small-cell rule.` : '')}
  </section>`;
}

/** The risk model's diagnostics and the over-dispersion between programs, in two sentences. */
function modelNote(a: Study['adjusted']): Html | null {
  const m = a.model;
  const od = a.overdispersion;
  const model = m
    ? `The risk model, fitted on ${m.n.toLocaleString('en-US')} discharged episodes, has a c-statistic of ${number(m.c_statistic, 2)} (0.5 is chance, 1 perfect discrimination) and a Brier score of ${number(m.brier, 3)}.`
    : '';
  const dispersion =
    od && od.phi !== null
      ? ` Between the ${od.k} programs the standardised rates vary ${od.phi > 1 ? 'more' : 'no more'} than chance alone allows (over-dispersion φ = ${number(od.phi, 2)}${od.tau2 ? `, between-program variance τ² = ${od.tau2.toPrecision(2)}` : ''}${od.k >= 10 ? '; z winsorised at the 10th and 90th percentiles' : ''})${od.tau2 ? ', so the limits are widened and a program is flagged only outside them' : ''}.`
      : '';
  return model || dispersion ? html`<p>${model + dispersion}</p>` : null;
}

const costValue = (x: Shown<CostValue> | null, f: (v: number | null) => string = money): string =>
  x === null ? NOT_AVAILABLE : isSuppressed(x) ? suppressionLabel(x) : f(x.value);

/** A money figure with its 95% interval underneath, when it has one. */
const costWithInterval = (x: Shown<CostValue> | null): Html | string => {
  const v = costValue(x);
  if (x === null || isSuppressed(x) || x.value === null) return v;
  const ci = moneyInterval(x.lower, x.upper);
  return ci ? html`<span class="nowrap">${v}</span><br /><span class="ci">(${ci})</span>` : v;
};

const armLabel = (s: Study, a: 'program' | 'comparator') =>
  a === 'program' ? s.meta.programLabel : s.meta.comparatorLabel;

function cost(s: Study): Html {
  if (!s.cost)
    return html`<section id="cost">
      <h2>Cost</h2>
      <p>${s.costReason ?? 'Cost is not available for this export.'}</p>
    </section>`;
  const c = s.cost;
  const arms: (keyof PerArm<CostFigures>)[] = c.comparator ? ['program', 'comparator'] : ['program'];
  const line = (label: string, f: (x: CostFigures) => Html | string) =>
    html`<tr>
      <th scope="row">${label}</th>
      ${arms.map((a) => html`<td class="num">${f(c[a]!)}</td>`)}
    </tr>`;
  const figures = html`<table class="compact">
    <caption>
      Staff cost (fully loaded hourly cost × minutes; group time shared among attendees)
    </caption>
    <thead>
      <tr>
        <th scope="col">Figure</th>
        ${arms.map((a) => html`<th scope="col" class="num">${armLabel(s, a)}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${line('Cost per episode, mean (95% CI)', (x) => costWithInterval(x.costPerEpisode))}
      ${line('Cost per episode, median', (x) => costValue(x.costPerEpisode, () => (isSuppressed(x.costPerEpisode) ? '' : money(x.costPerEpisode.median ?? null))))}
      ${line('Cost per completer (95% CI)', (x) => costWithInterval(x.costPerCompleter))}
      ${line('Cost per abstinent episode, final 30 days (95% CI)', (x) => costWithInterval(x.costPerAbstinent))}
      ${line('No-show cost per episode', (x) => costValue(x.noShowCost))}
      ${line('Group share of attended client-hours', (x) => costValue(x.groupShare, (v) => percent(v)))}
      ${line('Cost per client-hour, group', (x) => costValue(x.perClientHour.group))}
      ${line('Cost per client-hour, individual', (x) => costValue(x.perClientHour.individual))}
      ${line('Cost per client-hour, family', (x) => costValue(x.perClientHour.family))}
    </tbody>
  </table>`;
  const tertileTables = arms.map((a) => {
    const rows = c[a]!.tertiles;
    if (!rows.length) return html``;
    return html`<table class="compact">
      <caption>
        Group versus individual: ${armLabel(s, a)} by tertile of group share (cut points common to the whole
        study population)
      </caption>
      <thead>
        <tr>
          <th scope="col">Tertile (group share)</th>
          <th scope="col" class="num">Episodes</th>
          <th scope="col" class="num">Median stay, days</th>
          <th scope="col">Completion</th>
          <th scope="col">Abstinent final 30 (missing = positive)</th>
          <th scope="col" class="num">Mean cost per episode (95% CI)</th>
          <th scope="col" class="num">Cost per completer (95% CI)</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (t, i) =>
            html`${i ? '\n' : ''}
              <tr>
                <th scope="row">
                  ${['Lowest', 'Middle', 'Highest'][t.tertile - 1]} third
                  (${percent(t.shareFrom, 0)}–${percent(t.shareTo, 0)})
                </th>
                <td class="num">${count(t.episodes)}</td>
                <td class="num">
                  ${t.losMedian === null ? NOT_AVAILABLE : isSuppressed(t.losMedian) ? suppressionLabel(t.losMedian) : number(t.losMedian, 0)}
                </td>
                ${outcomeCell(t.completion)}${outcomeCell(t.abstinentFinal30)}
                <td class="num">${costWithInterval(t.costPerEpisode)}</td>
                <td class="num">${costWithInterval(t.costPerCompleter)}</td>
              </tr>`,
        )}
      </tbody>
    </table>`;
  });
  const tertiles = tertileTables.map((t, i) => html`${i ? '\n' : ''}${t}`);
  const caveat =
    tertileTables.some((t) => t.text !== '') &&
    html`<p class="note">
      Short stays have little group time, so the tertiles also sort episodes by length of stay (see the median
      stay): the table describes who received how much group care; it does not show that one format works
      better than another.
    </p>`;
  return html`<section id="cost">
    <h2>Cost</h2>
    ${figures} ${tertiles} ${caveat}
  </section>`;
}

function limits(s: Study): Html {
  const items = [...comparativeLimitations(s), ...limitations(s)];
  return html`<section id="limitations">
    <h2>Limitations</h2>
    <ul>
      ${items.map(
        (x, i) =>
          html`${i ? '\n' : ''}
            <li>${x}</li>`,
      )}
    </ul>
  </section>`;
}

function reproducibility(s: Study): Html {
  const files =
    s.reproducibility.files.length > 0 &&
    html`<table class="files">
      <caption>
        Input files
      </caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col" class="num">Rows</th>
          <th scope="col" class="num">Bytes</th>
          <th scope="col">SHA-256</th>
        </tr>
      </thead>
      <tbody>
        ${s.reproducibility.files.map(
          (f) =>
            html`<tr>
              <td>${f.name}</td>
              <td class="num">${f.rows === null ? NOT_AVAILABLE : f.rows.toLocaleString('en-US')}</td>
              <td class="num">${f.bytes.toLocaleString('en-US')}</td>
              <td><code class="hash">${f.sha256}</code></td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  const sql = s.reproducibility.sql.map(
    (q, i) =>
      html`${i ? '\n' : ''}
        <div class="sql">
          <h3>
            <code>${q.step}</code
            >${q.measures.length > 0 && html` <span class="n">— ${q.measures.join(', ')}</span>`}
          </h3>
          <pre>${q.sql.trim()}</pre>
        </div>`,
  );
  return html`<section id="reproducibility">
    <h2>Reproducibility</h2>
    <p>
      Extract date ${s.meta.extractDate} · export contract v${s.meta.contractVersion} · IOP Outcomes
      ${s.meta.productVersion}. Anyone holding the same files (check the SHA-256 below) can recompute every
      figure: load each <code>&lt;table&gt;.parquet</code> into DuckDB, keep the rows that pass validation,
      build the per-episode tables and run the SQL below; <code>?</code> is the extract date unless a
      parameter list is given. Intervals, the Kaplan–Meier estimate, the log-rank test and the risk model are
      computed from these queries' results as documented in measures v1.1 (<a href="#definitions"
        >Definitions</a
      >).
    </p>
    ${files} ${sql}
  </section>`;
}

function footer(s: Study): Html {
  return html`<footer>
    <p>
      Produced by IOP Outcomes ${s.meta.productVersion} from the export dated ${s.meta.extractDate}.
      ${s.meta.privacy === 'small-cell' ? 'Small-cell rule applied.' : 'Exact figures: do not distribute.'}
    </p>
  </footer>`;
}
