import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Unit } from '../../../core/catalogue';
import type { Cohort, Grouping } from '../../../core/cohort/types';
import type { MeasureValue } from '../../../core/measures/types';
import { formatValue } from '../../../core/render';
import type { PageProblems } from './browser';

/** The cohort and groupings the dashboard tests compare the screen with the core on. */
export const IOP: Cohort = { level: 'iop' };
export const OVERALL: Grouping = { kind: 'overall' };
export const BY_PROGRAM: Grouping = { kind: 'by', column: 'program_id' };

/** The figures the page shows for a measure: one per group, in group order, as text and raw value. */
export function shown(page: Page, name: string): Promise<{ text: string; value: number }[]> {
  return page
    .locator(`[data-testid="value-${name}"]`)
    .evaluateAll((els) =>
      els.map((e) => ({ text: e.textContent ?? '', value: Number(e.getAttribute('data-value')) })),
    );
}

/** A shown figure is the core's value, formatted as every renderer formats it. */
export function expectShown(
  actual: { text: string; value: number },
  v: MeasureValue | undefined,
  unit: Unit,
) {
  expect(v && 'value' in v && typeof v.value === 'number').toBe(true);
  expect(actual.value).toBeCloseTo((v as { value: number }).value, 9);
  expect(actual.text).toBe(formatValue(v, unit));
}

export function expectNoPageProblems(problems: PageProblems) {
  expect(problems.consoleErrors, 'console errors').toEqual([]);
  expect(problems.offOrigin, 'requests off the page origin').toEqual([]);
}
