import { zFor } from './normal';

/** Episodes leaving the risk set on one day: `events` with the event, `censored` without. */
export interface TimeCount {
  time: number;
  events: number;
  censored: number;
}

export interface KmStep {
  time: number;
  atRisk: number;
  events: number;
  surv: number;
  /** Σ d/(n(n−d)) up to this time: Greenwood's variance of log S. */
  greenwood: number;
}

export interface KmEstimate {
  value: number | null;
  lower: number | null;
  upper: number | null;
  at_risk: number;
}

/** The Kaplan–Meier curve (R: survfit(Surv(time, status) ~ 1)), one step per time with an event. */
export class KaplanMeier {
  readonly steps: KmStep[] = [];
  readonly total: number;
  readonly maxTime: number | null;
  private readonly counts: TimeCount[];

  constructor(counts: readonly TimeCount[]) {
    this.counts = [...counts].sort((a, b) => a.time - b.time);
    this.total = this.counts.reduce((s, c) => s + c.events + c.censored, 0);
    this.maxTime = this.counts.length ? this.counts[this.counts.length - 1].time : null;
    let atRisk = this.total;
    let surv = 1;
    let greenwood = 0;
    for (const c of this.counts) {
      if (c.events > 0) {
        surv *= 1 - c.events / atRisk;
        greenwood += atRisk > c.events ? c.events / (atRisk * (atRisk - c.events)) : Infinity;
        this.steps.push({ time: c.time, atRisk, events: c.events, surv, greenwood });
      }
      atRisk -= c.events + c.censored;
    }
  }

  /** The last step at or before t, if any. */
  private stepAt(t: number): KmStep | undefined {
    let step: KmStep | undefined;
    for (const s of this.steps) if (s.time <= t) step = s;
    return step;
  }

  /**
   * Greenwood's standard error of S(t) on the plain scale, S·sqrt(Σ d/(n(n−d))) (R:
   * summary(fit, times = t)$std.err); 0 before the first event, null where S(t) is null.
   */
  se(t: number): number | null {
    if (this.at(t).value === null) return null;
    const step = this.stepAt(t);
    if (!step) return 0;
    return Number.isFinite(step.greenwood) ? step.surv * Math.sqrt(step.greenwood) : null;
  }

  /**
   * Restricted mean to tau, the area under S from 0 to tau, with its standard error (R:
   * summary(fit, rmean = tau)$table[c("rmean", "se(rmean)")]): var = Σ A_j² d_j/(n_j(n_j − d_j))
   * over event times t_j ≤ tau, A_j the area from t_j to tau (a term with n_j = d_j counts 0, as R).
   */
  rmst(tau: number): { value: number; se: number } | null {
    if (this.total === 0) return null;
    const steps = this.steps.filter((s) => s.time <= tau);
    let area = 0;
    let prevTime = 0;
    let prevSurv = 1;
    for (const s of steps) {
      area += (s.time - prevTime) * prevSurv;
      prevTime = s.time;
      prevSurv = s.surv;
    }
    area += (tau - prevTime) * prevSurv;
    let variance = 0;
    let tail = 0;
    for (let j = steps.length - 1; j >= 0; j--) {
      const next = j + 1 < steps.length ? steps[j + 1].time : tau;
      tail += (next - steps[j].time) * steps[j].surv;
      const { atRisk: n, events: d } = steps[j];
      if (n > d) variance += (tail * tail * d) / (n * (n - d));
    }
    return { value: area, se: Math.sqrt(variance) };
  }

  /** Number still at risk at t: leaving on a day ≥ t. */
  atRisk(t: number): number {
    let n = this.total;
    for (const c of this.counts) if (c.time < t) n -= c.events + c.censored;
    return n;
  }

  /**
   * S(t) with its log(−log) Greenwood interval (R: conf.type = "log-log"). The interval is null
   * where S is 1 or 0; the value is null with no one observed, or when t lies beyond the last
   * observation and the curve has not reached 0 (R reports nothing there either).
   */
  at(t: number, level = 0.95): KmEstimate {
    const at_risk = this.atRisk(t);
    const step = this.stepAt(t);
    const surv = step ? step.surv : 1;
    if (this.maxTime === null || (t > this.maxTime && surv > 0))
      return { value: null, lower: null, upper: null, at_risk };
    if (!step || surv <= 0 || surv >= 1 || !Number.isFinite(step.greenwood))
      return { value: surv, lower: null, upper: null, at_risk };
    const logS = Math.log(surv);
    const shift = (zFor(level) * Math.sqrt(step.greenwood)) / logS;
    const loglog = Math.log(-logS);
    return {
      value: surv,
      lower: Math.exp(-Math.exp(loglog - shift)),
      upper: Math.exp(-Math.exp(loglog + shift)),
      at_risk,
    };
  }
}
