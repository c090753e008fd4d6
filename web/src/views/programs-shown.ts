/** The measures the Programs view's table shows, a column each. */
export const MEASURE_COLUMNS = [
  { name: 'completion_rate', header: 'Completion' },
  { name: 'retention_90', header: 'Not dropped out, day 90' },
  { name: 'attendance_rate', header: 'Attendance' },
  { name: 'abstinent_final30_mip', header: 'Abstinent, final 30 days (missing screens count as positive)' },
  { name: 'step_down_rate', header: 'Step-down to a lower level' },
  { name: 'cost_per_completer', header: 'Cost per completer' },
];

/** What the table asks of each program; its downloads ask the whole report when clicked. */
export const PROGRAMS_SHOWN = MEASURE_COLUMNS.map((c) => c.name);
