/**
 * The layout generator's last phases, about the previous generation: the lanes of members who
 * left (where the previous layout had them) and the partitions that no longer exist.
 */
import { compareCodeUnits } from '../core/compare';
import { partitionKey } from '../scenario/replay';
import { chooseGeometry, lanePlace, type Options } from './geometry';
import type { LayoutContext, Pace } from './layoutClassify';
import type { DeletedToken, DepartedLane, LayoutMemberInput } from './layoutTypes';
import { ownersOf, ownsAny, partitionsOf, STEP_WORK, type TopicOwners } from './ownership';

/** Phase 5: the lanes of members who left, where the previous layout put them. */
export function departedLanes(ctx: LayoutContext, o: Options): DepartedLane[] {
  const { before, survivor } = ctx;
  const { previous } = ctx.input;
  const departed: DepartedLane[] = [];
  if (!previous || !before) return departed;
  const previousMembers = previous.members;
  const gone: number[] = [];
  previousMembers.forEach((m, i) => {
    if (survivor[i] === -1) gone.push(i);
  });
  if (gone.length === 0) return departed;
  // Where the previous layout put them (same options, orphans' stops aside).
  let previousFullest = before.unowned;
  for (const load of before.loads) if (load > previousFullest) previousFullest = load;
  const pg = chooseGeometry(
    { lanes: previousMembers.length + 1, fullest: previousFullest, stops: before.unowned },
    o,
  );
  for (const i of gone) {
    const { x, y } = lanePlace(i + 1, pg, o);
    departed.push({
      id: (previousMembers[i] as LayoutMemberInput).id,
      load: before.canonical[i] === i ? (before.loads[i] as number) : 0,
      x,
      y,
      width: pg.laneWidth,
      height: pg.headerHeight + pg.bodyHeight,
    });
  }
  return departed;
}

/** Phase 6: partitions the previous generation had and this one does not (yields as it goes). */
export function* deletedTokens(
  ctx: LayoutContext,
  pace: Pace,
): Generator<void, DeletedToken[], void> {
  const { before, now, colors } = ctx;
  const previousMembers = ctx.input.previous?.members ?? [];
  const deleted: DeletedToken[] = [];
  if (!before) return deleted;
  const onePrevious = [0];
  for (const topic of [...before.topics.keys()].sort(compareCodeUnits)) {
    const owners = before.topics.get(topic) as TopicOwners;
    const nowOwners = now.topics.get(topic);
    const list = partitionsOf(owners);
    const total = list ? list.length : owners.count;
    for (let n = 0; n < total; n++) {
      if (++pace.work === STEP_WORK) {
        pace.work = 0;
        yield;
      }
      const partition = list ? (list[n] as number) : n;
      if (ownsAny(nowOwners, partition)) continue;
      const previousOwners = ownersOf(owners, partition, onePrevious);
      deleted.push({
        key: partitionKey(topic, partition),
        topic,
        partition,
        previousOwner:
          previousOwners.length > 0
            ? (previousMembers[previousOwners[0] as number] as LayoutMemberInput).id
            : '',
        color: colors.get(topic) as string,
      });
    }
  }
  return deleted;
}
