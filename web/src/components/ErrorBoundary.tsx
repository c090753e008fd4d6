import { Component, type ReactNode } from 'react';

/** Anything a view throws while rendering: said in words, with a way back to a clean page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="load-failure crash" role="alert" data-testid="crash">
        <div>
          <h2>Something went wrong showing this page</h2>
          <p>{error.message}</p>
          <p className="muted">Your files were not changed and nothing left this machine.</p>
        </div>
        <div className="crash-actions">
          <button type="button" className="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
          <a className="button subtle" href={window.location.pathname}>
            Start over
          </a>
        </div>
      </div>
    );
  }
}
