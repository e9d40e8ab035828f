import { difference, ownedBy, ownerMap, type PartitionKey } from './partitions';
import type { GenerationInput } from './types';

/** What each member keeps, gives up and gains, and who leaves: shared by all three protocols. */
export interface MemberDelta {
  readonly member: string;
  readonly index: number;
  /** A member not in `previous`: it triggers or joins the rebalance, owns nothing yet. */
  readonly joining: boolean;
  readonly owned: ReadonlySet<PartitionKey>;
  readonly target: ReadonlySet<PartitionKey>;
  /** Owned, not in the target: must be revoked. */
  readonly give: ReadonlySet<PartitionKey>;
  /** In the target, owned by nobody still in the group: can be handed out at once. */
  readonly getFree: ReadonlySet<PartitionKey>;
  /** In the target, still owned by another member of the group: must wait for its release. */
  readonly getOwned: ReadonlySet<PartitionKey>;
}

export interface GroupDelta {
  readonly members: readonly MemberDelta[];
  /** Members of `previous` that are not in the new group. */
  readonly leaving: readonly string[];
}

export function groupDelta(input: GenerationInput): GroupDelta {
  ownerMap(input.previous, 'the previous assignment');
  ownerMap(input.target, 'the target assignment');
  const live = new Set(input.members);
  for (const member of Object.keys(input.target)) {
    if (!live.has(member) && ownedBy(input.target, member).size > 0) {
      throw new Error(
        `the target assignment gives partitions to "${member}", who is not in the group`,
      );
    }
  }
  const previousOwner = new Map<PartitionKey, string>();
  for (const member of Object.keys(input.previous)) {
    if (!live.has(member)) continue;
    for (const key of ownedBy(input.previous, member)) previousOwner.set(key, member);
  }
  const members = input.members.map((member, index): MemberDelta => {
    const owned = ownedBy(input.previous, member);
    const target = ownedBy(input.target, member);
    const gained = difference(target, owned);
    return {
      member,
      index,
      joining: !(member in input.previous),
      owned,
      target,
      give: difference(owned, target),
      getFree: new Set([...gained].filter((key) => !previousOwner.has(key))),
      getOwned: new Set([...gained].filter((key) => previousOwner.has(key))),
    };
  });
  const leaving = Object.keys(input.previous).filter((member) => !live.has(member));
  return { members, leaving };
}
