import { html, raw, type Html } from '../render/html';

/**
 * A chart of our own renderer in a figure: its SVG is trusted markup, the caption is text.
 * `label` names the picture for a screen reader.
 */
export function figure(svg: string | null, caption: string, label?: string): Html | null {
  if (!svg) return null;
  const named =
    label === undefined ? svg : svg.replace('<svg ', () => html`<svg role="img" aria-label="${label}" `.text);
  return html`<figure>
    ${raw(named)}
    <figcaption>${caption}</figcaption>
  </figure>`;
}
