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
    let step: KmStep | undefined;
    for (const s of this.steps) if (s.time <= t) step = s;
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
