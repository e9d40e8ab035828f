import type { GroupLayout, TokenLayout } from './layout';

export interface LanesRendererOptions {
  /** Called with the member id when a member lane (header or body) is clicked or activated. */
  readonly onMemberClick?: (memberId: string) => void;
  /** Called with the token when a partition is clicked (its copy, for a duplicated one). */
  readonly onPartitionClick?: (token: TokenLayout) => void;
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
  /**
   * The `partitionKey` of the partition the user selected: ringed wherever it is (every copy
   * of a duplicated one), in every generation it exists in.
   */
  readonly selected?: string;
  /**
   * Partitions in flight in the protocol round shown (`partitionKey` → ms nobody consumes it
   * in the generation): due to their owner, not consumed by it yet. Drawn unconsumed: striped
   * (SVG, the ms in the tooltip) or faded (canvas).
   */
  readonly inFlight?: ReadonlyMap<string, number>;
}

/** What createLanesSvg and createLanesCanvas return. */
export interface LanesRenderer {
  update(layout: GroupLayout, options: LanesUpdateOptions): void;
  destroy(): void;
}

export type RendererKind = 'svg' | 'canvas';
