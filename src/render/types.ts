import type { GroupLayout } from './layout';

export interface LanesRendererOptions {
  /** Called with the member id when a member lane (header or body) is clicked or activated. */
  readonly onMemberClick?: (memberId: string) => void;
  /** Accessible name of the whole picture. */
  readonly ariaLabel?: string;
}

export interface LanesUpdateOptions {
  /** False: snap to the final state at once, with no transition at all. */
  readonly animate: boolean;
  /** Total animation time in ms (default DEFAULT_DURATION). */
  readonly duration?: number;
  /**
   * Token keys (or bare partition keys) to emphasise; the others are dimmed. Empty or
   * undefined: nothing dimmed.
   */
  readonly highlight?: ReadonlySet<string>;
}

/** What createLanesSvg and createLanesCanvas return. */
export interface LanesRenderer {
  update(layout: GroupLayout, options: LanesUpdateOptions): void;
  destroy(): void;
}

export type RendererKind = 'svg' | 'canvas';
