// One per page: a rendering bug in one page leaves the header, navigation and other pages working.
import { Component, type ReactNode } from 'react';

export class ErrorBoundary extends Component<{ children: ReactNode; name: string }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="card notice notice-error" role="alert">
        <h2>The {this.props.name} page stopped working</h2>
        <p>{this.state.error.message}</p>
        <p>Your settings are unchanged. Try again; if it happens again, restart the app.</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
