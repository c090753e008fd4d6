import type { ReactNode } from 'react';

/** A view: its heading, a one-line purpose, and a notice while figures are being computed or failed. */
export function ViewFrame({
  id,
  title,
  intro,
  error,
  children,
}: {
  id: string;
  title: string;
  intro: ReactNode;
  error?: Error;
  children: ReactNode;
}) {
  return (
    <section className="view" aria-labelledby={`${id}-h`} data-view={id}>
      <header className="view-head">
        <h2 id={`${id}-h`}>{title}</h2>
        <p className="view-intro">{intro}</p>
      </header>
      {error && (
        <p className="error-note" role="alert">
          These figures could not be computed: {error.message}
        </p>
      )}
      {children}
    </section>
  );
}

/** The numbers behind a chart as a plain table (placed in a visually hidden chart summary). */
export function SummaryTable({ headers, rows }: { headers: string[]; rows: (string | number)[][] }) {
  return (
    <table>
      <thead>
        <tr>
          {headers.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (
              <td key={j}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Loading({ what }: { what: string }) {
  return <p className="loading-note">Computing {what}…</p>;
}
