/**
 * Recognises aiokafka's sticky reassignment loop going round in circles.
 *
 * `_perform_reassignments` repeats full passes over the partitions until a pass moves nothing.
 * On some inputs two members hand one partition back and forth forever. A pass is a
 * deterministic function of the state it starts from, so once a pass starts from a state seen
 * before, the loop can never end. The check is exact: it compares whole states, never a hash
 * or a pass count, so it can only fire on a loop that truly does not terminate, and it never
 * changes a result that aiokafka would return.
 *
 * It uses Brent's cycle detection, which keeps a single saved state (refreshed at pass 1, 2,
 * 4, 8, …) and finds any cycle within a few times its length plus its start, at the cost of one
 * array comparison per pass — small next to the pass itself.
 */

/** The message a faithful replay reports for aiokafka's endless loop (page, worker and CLI). */
export const NON_TERMINATION_MESSAGE =
  "aiokafka's sticky assignor does not terminate on this input — a known defect of the original";

/** aiokafka would never return from this rebalance: its reassignment loop repeats forever. */
export class StickyNonTerminationError extends Error {
  override readonly name = 'StickyNonTerminationError';
  constructor(
    /** How many passes one round of the repetition takes. */
    readonly period: number,
  ) {
    super(NON_TERMINATION_MESSAGE);
  }
}

/**
 * Everything the next pass depends on: each partition's owner, which members are keys of
 * aiokafka's dict, and the order in which partitions first moved (the movement log picks the
 * oldest matching move; its content follows from the owners, its order does not).
 */
export interface ReassignmentState {
  readonly owners: Int32Array;
  readonly present: Uint8Array;
  readonly moveOrder: readonly number[];
}

export class CycleCheck {
  private saved: ReassignmentState | undefined;
  private power = 1;
  private sinceSaved = 0;

  /** `live` returns the current state; it may share the live arrays, they are copied to save. */
  constructor(private readonly live: () => ReassignmentState) {}

  /**
   * Called before every pass. Returns the cycle's length in passes when the state repeats one
   * seen before (the loop would go on forever), otherwise undefined.
   */
  repeats(): number | undefined {
    const current = this.live();
    if (this.saved === undefined) {
      this.saved = copyState(current);
      return undefined;
    }
    if (sameState(this.saved, current)) return this.sinceSaved + 1;
    this.sinceSaved++;
    if (this.sinceSaved === this.power) {
      this.saved = copyState(current);
      this.power *= 2;
      this.sinceSaved = 0;
    }
    return undefined;
  }
}

function copyState(state: ReassignmentState): ReassignmentState {
  return {
    owners: state.owners.slice(),
    present: state.present.slice(),
    moveOrder: [...state.moveOrder],
  };
}

function sameState(a: ReassignmentState, b: ReassignmentState): boolean {
  return (
    sameArray(a.owners, b.owners) &&
    sameArray(a.present, b.present) &&
    sameArray(a.moveOrder, b.moveOrder)
  );
}

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
