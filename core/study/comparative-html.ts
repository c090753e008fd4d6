import { OUTCOMES } from '../comparative/outcomes';
import type { Comparative, OutcomeName } from '../comparative/types';
import { isSuppressed, suppressionLabel, type Suppressed } from '../privacy/small-cell';
import type { ComparativeCharts } from './comparative-charts';
import { isEstimated } from './comparative';
import { COMPARATIVE_LABELS, levelName } from '../catalogue';
import { formatMoney, html, type Html } from '../render';
import { figure } from './html-figure';
import { count, NOT_AVAILABLE, number, percent } from './format';
import type { Study } from './types';

const TRIAL_ROWS = (c: Comparative, programs: string): [string, string, string][] => [
  [
    'Eligibility',
    'people entering care for a substance use disorder',
    `entry episodes: ${levelName(c.treatment_level)} episodes of ${programs} and outpatient episodes of every program, admitted in the window, whose client had no other episode (detox aside) still open or discharged within 30 days before admission`,
  ],
  [
    'Strategies',
    `start ${levelName(c.treatment_level)} vs start ${levelName(c.control_level)}`,
    `level_of_care = '${c.treatment_level}' vs '${c.control_level}'`,
  ],
  ['Assignment', 'randomised', 'as treated; confounding by case-mix handled by overlap weights'],
  ['Time zero', 'admission', 'admit_date of the entry episode'],
  [
    'Outcomes',
    'abstinence at 90 days after discharge (primary), and the others below',
    'from follow-up contacts, drug screens, discharge records and later episodes',
  ],
  [
    'Causal contrast',
    'effect among clients with clinical equipoise',
    'overlap-weighted (ATO) risk difference',
  ],
];

const shown = (x: number | Suppressed, f: (v: number) => string): string =>
  isSuppressed(x) ? suppressionLabel(x) : f(x);

function outcomeRow(c: Comparative, name: OutcomeName, i: number): Html {
  const label = COMPARATIVE_LABELS[name].label;
  const o = c.outcomes[name];
  if (!isEstimated(o))
    return html`${i ? '\n' : ''}
      <tr>
        <th scope="row">${label}</th>
        <td colspan="6" class="note">${o.reason}</td>
      </tr>`;
  const money = name === 'cost';
  const v = (x: number) => (money ? formatMoney(x) : percent(x));
  const d = o.difference;
  const diff = money
    ? html`${formatMoney(d.value)}
        <span class="ci">(${formatMoney(d.lower)} to ${formatMoney(d.upper)})</span>`
    : html`${number(d.value * 100)}
        <span class="ci">(${number(d.lower * 100)} to ${number(d.upper * 100)})</span>`;
  const rr = o.rr
    ? html`${number(o.rr.value, 2)}
        <span class="ci">(${number(o.rr.lower, 2)}–${number(o.rr.upper, 2)})</span>`
    : NOT_AVAILABLE;
  const ev = o.e_value
    ? html`${number(o.e_value.value, 2)} <span class="ci">(CI ${number(o.e_value.ci, 2)})</span>`
    : NOT_AVAILABLE;
  const arm = (a: typeof o.treated) =>
    html`${v(a.value)} <span class="n">n ${count(a.n)}</span><br /><span class="ci"
        >unadjusted ${shown(a.unweighted, v)}</span
      >`;
  return html`${i ? '\n' : ''}
    <tr>
      <th scope="row">${label}</th>
      <td class="num">${arm(o.treated)}</td>
      <td class="num">${arm(o.control)}</td>
      <td class="num nowrap">${diff}</td>
      <td class="num nowrap">${rr}</td>
      <td class="num">${ev}</td>
    </tr>`;
}

/** The study's adjusted comparison with standard outpatient care (comparative-effectiveness.md §6). */
export function comparativeSection(s: Study, charts: ComparativeCharts | null): Html | null {
  const c = s.comparative;
  if (!c) return null;
  if (!isEstimated(c))
    return html`<section id="comparative">
      <h2>Adjusted comparison with outpatient care</h2>
      <p>${c.reason}.</p>
    </section>`;
  const T = levelName(c.treatment_level);
  const C = levelName(c.control_level);
  const trial = TRIAL_ROWS(c, s.meta.programLabel).map(
    ([k, a, b]) =>
      html`<tr>
        <th scope="row">${k}</th>
        <td>${a}</td>
        <td>${b}</td>
      </tr>`,
  );
  const worst = Math.max(...c.balance.map((b) => Math.abs(b.smd_before)));
  const worstAfter = Math.max(...c.balance.map((b) => Math.abs(b.smd_after)));
  const ce = c.cost_effectiveness;
  const ceTable = isEstimated(ce)
    ? html`<table class="compact">
        <caption>
          Cost-effectiveness on the episodes eligible for
          ${COMPARATIVE_LABELS[ce.outcome].short.toLowerCase()} (overlap-weighted)
        </caption>
        <tbody>
          <tr>
            <th scope="row">Difference in effect (ΔE)</th>
            <td class="num">
              ${number(ce.delta_effect * 100)} points
              <span class="ci">(variance ${number(ce.variance_effect * 1e4, 2)} points²)</span>
            </td>
          </tr>
          <tr>
            <th scope="row">Difference in cost (ΔC)</th>
            <td class="num">
              ${formatMoney(ce.delta_cost)}
              <span class="ci">(SE ${formatMoney(Math.sqrt(ce.variance_cost))})</span>
            </td>
          </tr>
          <tr>
            <th scope="row">Quadrant</th>
            <td>${ce.quadrant}</td>
          </tr>
          <tr>
            <th scope="row">Incremental cost per additional ${COMPARATIVE_LABELS[ce.outcome].success}</th>
            <td class="num">${ce.icer === null ? 'not defined in this quadrant' : formatMoney(ce.icer)}</td>
          </tr>
        </tbody>
      </table>`
    : html`<p class="note">Cost-effectiveness: ${ce.reason}.</p>`;
  const coefficients = Object.entries(c.propensity.coefficients).map(
    ([k, v]) =>
      html`<tr>
        <th scope="row"><code>${k}</code></th>
        <td class="num">${v === null ? 'aliased' : number(v, 3)}</td>
      </tr>`,
  );
  return html`<section id="comparative">
    <h2>Adjusted comparison with outpatient care</h2>
    <p>
      Clients sent to ${T} differ from those sent to outpatient care, so the unadjusted comparison above
      cannot say what ${T} adds. This section emulates a target trial: each arm's entry episodes, weighted by
      overlap weights from a propensity model on the recorded case-mix, so that the two arms have the same
      case-mix on average.
    </p>
    <table>
      <caption>
        The target trial and its emulation
      </caption>
      <thead>
        <tr>
          <th scope="col">Component</th>
          <th scope="col">Target trial</th>
          <th scope="col">Emulation in these data</th>
        </tr>
      </thead>
      <tbody>
        ${trial}
      </tbody>
    </table>
    <h3>Who could have received either</h3>
    <p>
      ${count(c.arms.treated.n)} ${T} and ${count(c.arms.control.n)} outpatient entry episodes; effective
      sample sizes after weighting ${number(c.arms.treated.ess, 1)} and ${number(c.arms.control.ess, 1)}. The
      propensity model separates the arms with a c-statistic of ${number(c.propensity.c_statistic, 3)};
      ${percent(c.propensity.outside_05_95)} of episodes have a propensity outside 0.05–0.95.
    </p>
    ${figure(charts?.positivity ?? null, `Propensity of ${T} by arm (bins of 0.05; bins with fewer than 11 episodes are not shown in exports).`)}
    <h3>Balance</h3>
    <p>
      The largest standardised difference in a covariate level was ${number(worst, 2)} before weighting and
      ${number(worstAfter, 2)} after (overlap weights balance every level of the model exactly).
    </p>
    ${figure(charts?.balance ?? null, 'Standardised differences of every covariate level before and after weighting; dashed lines at ±0.1.')}
    <h3>Outcomes</h3>
    <table class="outcomes">
      <caption>
        Overlap-weighted outcomes (unadjusted beneath), differences ${T} − ${C} in percentage points (cost in
        dollars), risk ratios and E-values
      </caption>
      <thead>
        <tr>
          <th scope="col">Outcome</th>
          <th scope="col" class="num">${T}</th>
          <th scope="col" class="num">${C}</th>
          <th scope="col" class="num">Difference (95% CI)</th>
          <th scope="col" class="num">Risk ratio</th>
          <th scope="col" class="num">E-value</th>
        </tr>
      </thead>
      <tbody>
        ${OUTCOMES.map((o, i) => outcomeRow(c, o.name, i))}
      </tbody>
    </table>
    ${figure(charts?.forest ?? null, 'Adjusted differences with 95% intervals (squares) beside the unadjusted differences (circles).')}
    <h3>Cost-effectiveness</h3>
    ${ceTable}
    ${figure(charts?.plane ?? null, `The cost-effectiveness plane: ${T} minus ${C}, with the 95% confidence ellipse. Right of the vertical axis ${T} is more effective; above the horizontal axis it costs more.`)}
    ${figure(charts?.ceac ?? null, `Acceptability curve: the probability that ${T} has the higher net monetary benefit, by what a payer is willing to pay per additional success.`)}
    <table class="compact">
      <caption>
        Propensity model: logistic regression of ${T} on the case-mix (R: glm(treated ~ band + sex + subst +
        cooc + prior + court + housing + payer, binomial))
      </caption>
      <tbody>
        ${coefficients}
      </tbody>
    </table>
  </section>`;
}
