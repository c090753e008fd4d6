import type { Proportion, Survival } from '../measures/types';
import { toCsv } from '../render/csv';
import { isSuppressed, suppressionLabel, type Suppressed } from '../privacy/small-cell';
import { count, differenceText, outcomeText } from './format';
import type { Arm, ExternalProportion, PerArm, Shown, Study } from './types';

/**
 * The study's numbers as one long CSV: section, item, arm, statistic, value, display. A hidden
 * figure has an empty value and "<11" or "suppressed" as its display.
 */
const HEADER = ['section', 'item', 'arm', 'statistic', 'value', 'display'];

type Line = [string, string, string, string, number | string | null, string];

export function studyCsv(s: Study): string {
  const lines: Line[] = [];
  const armLabel = (arm: Arm) => (arm === 'program' ? s.meta.programLabel : s.meta.comparatorLabel);
  const arms = <T>(x: PerArm<T>) =>
    (['program', 'comparator'] as const).filter((a) => x[a] !== null).map((a) => [a, x[a] as T] as const);
  const countLine = (section: string, item: string, arm: Arm, stat: string, x: Shown<number>) =>
    lines.push([section, item, armLabel(arm), stat, isSuppressed(x) ? null : x, count(x)]);
  const hidden = (x: Suppressed) => suppressionLabel(x);
  const num = (section: string, item: string, arm: string, stat: string, v: number | null | undefined) =>
    lines.push([section, item, arm, stat, v ?? null, v == null ? '' : String(v)]);

  lines.push(['meta', 'title', '', '', null, s.meta.title]);
  lines.push(['meta', 'extract_date', '', '', null, s.meta.extractDate]);
  lines.push(['meta', 'privacy', '', '', null, s.meta.privacy]);
  for (const [arm, n] of arms(s.n)) countLine('cohort', 'analysed_episodes', arm, 'count', n);
  for (const f of s.flow) for (const [arm, x] of arms(f.counts)) countLine('flow', f.key, arm, 'count', x);
  for (const v of s.validation)
    lines.push(['validation', v.rule, '', 'rows', isSuppressed(v.rows) ? null : v.rows, count(v.rows)]);

  for (const v of s.baseline) {
    for (const [arm, x] of arms(v.missing)) countLine('baseline', `${v.key}:missing`, arm, 'count', x);
    for (const l of v.levels)
      for (const [arm, x] of arms(l.counts)) countLine('baseline', `${v.key}:${l.level}`, arm, 'count', x);
    if (v.summary)
      for (const [arm, x] of arms(v.summary)) {
        if (isSuppressed(x)) lines.push(['baseline', v.key, armLabel(arm), 'summary', null, hidden(x)]);
        else
          for (const k of ['mean', 'sd', 'median', 'q1', 'q3'] as const)
            num('baseline', v.key, armLabel(arm), k, x[k]);
      }
    if (v.smd !== null)
      lines.push([
        'baseline',
        v.key,
        '',
        'smd',
        isSuppressed(v.smd) ? null : v.smd,
        isSuppressed(v.smd) ? hidden(v.smd) : v.smd.toFixed(3),
      ]);
  }

  for (const o of s.outcomes) {
    for (const [arm, x] of arms(o.values)) {
      const t = outcomeText(x);
      if (isSuppressed(x) || 'reason' in x) {
        lines.push([
          'outcomes',
          o.measure,
          armLabel(arm),
          'value',
          null,
          t.reason ? `${t.value} ${t.reason}` : t.value,
        ]);
        continue;
      }
      num('outcomes', o.measure, armLabel(arm), 'value', x.value);
      num('outcomes', o.measure, armLabel(arm), 'lower', x.lower);
      num('outcomes', o.measure, armLabel(arm), 'upper', x.upper);
      if (o.kind === 'survival')
        num('outcomes', o.measure, armLabel(arm), 'at_risk', (x as Survival).at_risk);
      else {
        const p = x as Proportion | ExternalProportion;
        num('outcomes', o.measure, armLabel(arm), 'numerator', p.numerator);
        num('outcomes', o.measure, armLabel(arm), 'denominator', p.denominator);
      }
    }
    if (o.difference !== null) {
      if (isSuppressed(o.difference))
        lines.push(['outcomes', o.measure, 'difference', 'value', null, hidden(o.difference)]);
      else {
        num('outcomes', o.measure, 'difference', 'value', o.difference.value);
        num('outcomes', o.measure, 'difference', 'lower', o.difference.lower);
        num('outcomes', o.measure, 'difference', 'upper', o.difference.upper);
        lines[lines.length - 1][5] = differenceText(o.difference);
      }
    }
  }
  if (s.retention.logRank) {
    num('outcomes', 'retention_log_rank', '', 'chisq', s.retention.logRank.chisq);
    num('outcomes', 'retention_log_rank', '', 'df', s.retention.logRank.df);
    num('outcomes', 'retention_log_rank', '', 'p', s.retention.logRank.p);
  }
  for (const r of s.dischargeReasons)
    for (const [arm, x] of arms(r.counts)) countLine('discharge_reasons', r.reason, arm, 'count', x);

  const a = s.adjusted;
  if (a.studied !== null) {
    if (isSuppressed(a.studied))
      lines.push(['adjusted', 'observed_expected', s.meta.programLabel, 'oe', null, hidden(a.studied)]);
    else
      for (const k of ['n', 'observed', 'expected', 'oe', 'lower', 'upper', 'standardized_rate'] as const)
        num('adjusted', 'observed_expected', s.meta.programLabel, k, a.studied[k]);
  }
  num('adjusted', 'overall_completion_rate', '', 'value', a.overallRate);
  if (a.position) lines.push(['adjusted', 'funnel_position', s.meta.programLabel, '', null, a.position]);

  if (s.cost) {
    for (const [arm, c] of arms(s.cost)) {
      const cost = (item: string, x: (typeof c)['costPerEpisode'], stat = 'value') => {
        if (isSuppressed(x)) lines.push(['cost', item, armLabel(arm), stat, null, hidden(x)]);
        else num('cost', item, armLabel(arm), stat, x.value);
      };
      cost('cost_per_episode', c.costPerEpisode, 'mean');
      cost('cost_per_completer', c.costPerCompleter);
      cost('cost_per_abstinent', c.costPerAbstinent);
      cost('no_show_cost_per_episode', c.noShowCost);
      cost('group_share', c.groupShare);
      cost('cost_per_client_hour_group', c.perClientHour.group);
      cost('cost_per_client_hour_individual', c.perClientHour.individual);
      cost('cost_per_client_hour_family', c.perClientHour.family);
      for (const t of c.tertiles) {
        const item = `group_share_tertile_${t.tertile}`;
        countLine('cost', item, arm, 'episodes', t.episodes);
        for (const [stat, x] of [
          ['completion_rate', t.completion],
          ['abstinent_final30_mip', t.abstinentFinal30],
        ] as const) {
          if (isSuppressed(x) || 'reason' in x)
            lines.push(['cost', item, armLabel(arm), stat, null, outcomeText(x).value]);
          else num('cost', item, armLabel(arm), stat, x.value);
        }
        cost(item, t.costPerEpisode, 'mean_cost');
        cost(item, t.costPerCompleter, 'cost_per_completer');
      }
    }
  }
  for (const f of s.reproducibility.files) lines.push(['input_file', f.name, '', 'sha256', f.rows, f.sha256]);
  return toCsv([HEADER, ...lines]);
}
