import { valueLabel, type SessionOptions } from '../../../core';
import type { Comparison } from '../state/app-state';

/** How a group of the current comparison is named on screen. */
export function groupLabeler(c: Comparison, options: SessionOptions): (grp: string) => string {
  if (c.kind === 'none') return () => 'All episodes';
  if (c.kind === 'sets') return (g) => g;
  if (c.column === 'program_id') {
    const names = new Map(options.programs.map((p) => [p.program_id, p.program_name]));
    return (g) => names.get(g) ?? g;
  }
  const column = c.column;
  return (g) => valueLabel(column, g === 'true' ? true : g === 'false' ? false : g);
}
