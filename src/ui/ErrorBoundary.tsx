import { Component, type ErrorInfo, type ReactNode } from 'react';
import { clipText } from '../custom/clipText';

interface ErrorBoundaryProps {
  /** What the panel is, for the message: "the metrics", "the custom assignor panel". */
  name: string;
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: string | undefined;
}

/**
 * Keeps one panel's failure to that panel: the rest of the page stays usable, and the panel
 * says what failed instead of vanishing. "Try again" renders it afresh (e.g. after the user
 * changed the scenario that broke it).
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: undefined };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    let text: string;
    try {
      text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    } catch {
      text = 'an error that cannot be described';
    }
    return { error: clipText(text, 300) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for whoever debugs it; the panel itself says what failed.
    console.warn(`${this.props.name} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    return (
      <div className="notice error panel-failed" role="alert">
        <span className="text">
          Could not show {this.props.name}: {error}. The rest of the page still works.
        </span>
        <button type="button" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </div>
    );
  }
}
