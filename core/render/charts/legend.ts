/** A title on two lines, split at the space nearest its middle. */
export function splitInTwo(text: string): string[] {
  const mid = text.length / 2;
  let best = -1;
  for (let i = 0; i < text.length; i++)
    if (text[i] === ' ' && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
  return best < 0 ? [text] : [text.slice(0, best), text.slice(best + 1)];
}

/**
 * A Vega expression that writes each name on as many lines as it needs to stay within `chars`
 * characters a line (Vega draws an array as lines), so a long name is shown whole, not cut.
 */
export function wrappedLabels(names: readonly string[], chars: number): string {
  const lines: Record<string, string[]> = {};
  for (const name of names) {
    if (name.length <= chars) continue;
    const out: string[] = [];
    for (const word of name.split(' ')) {
      const last = out.length - 1;
      if (last >= 0 && out[last].length + 1 + word.length <= chars) out[last] += ` ${word}`;
      else out.push(word);
    }
    lines[name] = out;
  }
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
