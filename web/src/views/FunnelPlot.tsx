import type { Report } from '../../../core/measures/types';

/** Funnel plot of program completion (waits for the core's funnel limits, core/measures/risk.ts). */
export function FunnelPlot(_: { report: Report; names: Map<string, string> }) {
  void _;
  return null;
}
