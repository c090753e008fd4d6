/**
 * HTML that escapes by default: every value interpolated into html`…` is escaped unless it is
 * itself Html (a fragment built with html`…`, or text marked trusted with raw()). Arrays are
 * joined, null and undefined and false are left out.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export const escapeHtml = (s: string): string =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

/** Text the program wrote itself (markup, CSS, an SVG the chart renderer made). */
export const raw = (text: string): Html => new Html(text);

type Part = Html | string | number | null | undefined | false | readonly Part[];

const piece = (v: Part): string => {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(piece).join('');
  return escapeHtml(String(v));
};

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  values.forEach((v, i) => (out += piece(v) + strings[i + 1]));
  return new Html(out);
}
