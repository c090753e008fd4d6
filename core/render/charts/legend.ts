/** A title on two lines, split at the space nearest its middle. */
export function splitInTwo(text: string): string[] {
  const mid = text.length / 2;
  let best = -1;
  for (let i = 0; i < text.length; i++)
    if (text[i] === ' ' && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
  return best < 0 ? [text] : [text.slice(0, best), text.slice(best + 1)];
}

/**
 * A name as lines of at most `chars` characters, broken after a space or an `=` (a coded
 * covariate, `substance=alcohol`); a longer word stays whole.
 */
export function wrapLines(name: string, chars: number): string[] {
  const out: string[] = [];
  for (const part of name.match(/[^ =]+[ =]?|[ =]/g) ?? [name]) {
    const last = out.length - 1;
    if (last >= 0 && (out[last] + part).trimEnd().length <= chars) out[last] += part;
    else out.push(part);
  }
  return out.map((line) => line.trimEnd());
}

/** The most lines any of `names` takes at `chars` a line. */
export const mostLines = (names: readonly string[], chars: number): number =>
  Math.max(1, ...names.map((n) => wrapLines(n, chars).length));

/**
 * A Vega expression that writes each name on as many lines as it needs to stay within `chars`
 * characters a line (Vega draws an array as lines), so a long name is shown whole, not cut.
 */
export function wrappedLabels(names: readonly string[], chars: number): string {
  const lines: Record<string, string[]> = {};
  for (const name of names) if (name.length > chars) lines[name] = wrapLines(name, chars);
  return Object.keys(lines).length ? `${JSON.stringify(lines)}[datum.label] || datum.label` : 'datum.label';
}

/** The groups' colour legend, wrapped into as many columns as the width holds (orient from the theme). */
export const groupLegend = (names: readonly string[], width = 600) => ({
  title: null,
  columns: Math.max(1, Math.min(names.length, Math.floor(width / 260))),
  // Full names: a column is as wide as its longest name, wrapped when the chart is narrow.
  labelLimit: 0,
  labelExpr: wrappedLabels(names, Math.max(12, Math.floor((Math.min(width, 260) - 30) / 7))),
  // Band layers are translucent; the legend shows the line's full colour.
  symbolOpacity: 1,
});

/** Colour by group: a legend when there are several, the theme's accent for one; `colours` fixes them. */
export function groupColour(
  groups: readonly string[],
  width: number,
  accent: string,
  colours?: readonly string[],
) {
  if (groups.length <= 1 && !colours) return { value: accent };
  return {
    field: 'group',
    type: 'nominal',
    sort: groups,
    ...(colours ? { scale: { domain: groups, range: colours.slice(0, groups.length) } } : {}),
    legend: groupLegend(groups, width),
  };
}

/** An axis title, on two lines on a screen chart too narrow for it (~7 px a character) rather than past its edge. */
export const axisTitle = (title: string, width: number, fit: boolean): string | string[] =>
  fit && title.length * 7 > width - 80 ? splitInTwo(title) : title;
