/**
 * The member inspector: a side drawer about one member at the shown generation, for the
 * primary assignor. What it subscribes to, what it got, and the exact JoinGroup / SyncGroup
 * bytes behind both, so a learner can connect the picture to the protocol.
 */
import { useCallback, useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import { decodeCooperativeUserData } from '../core/assignors/kafka';
import { decodeMemberMetadata, decodeStickyUserData } from '../core/protocol';
import type { MemberMetadata, TopicPartitions } from '../core/types';
import type { GenerationResult, MemberResult } from '../scenario/replay';
import { resultAt, selectGeneration, selectPrimaryAssignor } from '../store/selectors';
import { useAppStore } from '../store/store';
import type { AppState } from '../store/types';
import { WireBytes } from './WireBytes';
import './panels.css';
import { useShallow } from 'zustand/react/shallow';

const selectInspectedMember = (s: AppState) => s.inspectedMember;
const selectInspectMember = (s: AppState) => s.inspectMember;
const selectPrimaryResult = (s: AppState) => resultAt(s, selectPrimaryAssignor(s));
const selectStatus = (s: AppState) => s.status;
const selectReplayError = (s: AppState) => s.replayError;

/** Renders nothing unless a member is being inspected, so App can mount it unconditionally. */
export function Inspector() {
  const memberId = useAppStore(selectInspectedMember);
  if (memberId === undefined) return null;
  return <InspectorDrawer memberId={memberId} />;
}

function InspectorDrawer({ memberId }: { memberId: string }) {
  const { inspectMember, generation, assignor, result, status, replayError } = useAppStore(
    useShallow((s) => ({
      inspectMember: selectInspectMember(s),
      generation: selectGeneration(s),
      assignor: selectPrimaryAssignor(s),
      result: selectPrimaryResult(s),
      status: selectStatus(s),
      replayError: selectReplayError(s),
    })),
  );
  const closeRef = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => inspectMember(undefined), [inspectMember]);

  // Opening moves focus into the drawer so keyboard users land on it; closing hands focus
  // back to whatever opened it (a member lane), so they do not restart from the page top.
  useEffect(() => {
    const opener = document.activeElement;
    closeRef.current?.focus();
    return () => {
      if ((opener instanceof HTMLElement || opener instanceof SVGElement) && opener.isConnected) {
        opener.focus();
      }
    };
  }, []);

  // On the document, not the drawer: Escape should close it wherever focus is, e.g. after
  // clicking another member lane behind it.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      close();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [close]);

  const member = result?.members.find((m) => m.id === memberId);

  let body: ReactNode;
  if (generation < 1) {
    body = <p className="muted">No rebalance has happened yet.</p>;
  } else if (result === undefined) {
    body =
      status === 'error' ? (
        <p className="inspector-error">The replay failed: {replayError ?? 'unknown error'}</p>
      ) : (
        <p className="muted">Replaying the scenario…</p>
      );
  } else if (member === undefined) {
    body = (
      <p>
        {memberId} is not in the group at generation {generation}.
      </p>
    );
  } else {
    body = <MemberDetails member={member} result={result} assignor={assignor} />;
  }

  return (
    <div className="drawer inspector" role="dialog" aria-label={`Member ${memberId}`}>
      <header>
        <div>
          <h2>Member {memberId}</h2>
          <div className="muted">
            Generation {generation}, {assignor} assignor
          </div>
        </div>
        <div className="row">
          <PinButton member={memberId} />
          <button ref={closeRef} type="button" aria-label="Close inspector" onClick={close}>
            Close
          </button>
        </div>
      </header>
      {body}
    </div>
  );
}

function MemberDetails({
  member,
  result,
  assignor,
}: {
  member: MemberResult;
  result: GenerationResult;
  assignor: string;
}) {
  const subscriptionId = useId();
  const assignmentId = useId();
  const metadataId = useId();
  const receivedId = useId();
  // Kafka's Java StickyAssignor sends the same user data layout as aiokafka's sticky.
  const stickyUserData = assignor === 'sticky' || assignor === 'java-sticky';
  const userDataLine = useMemo(
    () =>
      stickyUserData
        ? readStickyUserData(member.metadataBytes)
        : assignor === 'cooperative-sticky'
          ? readJavaSubscription(member.metadataBytes)
          : undefined,
    [assignor, stickyUserData, member.metadataBytes],
  );
  const total = member.assignment.reduce((sum, [, partitions]) => sum + partitions.length, 0);

  return (
    <div className="stack inspector-body">
      <section aria-labelledby={subscriptionId}>
        <h3 id={subscriptionId}>Subscription</h3>
        {member.subscription.length === 0 ? (
          <p className="muted">Subscribes to no topics.</p>
        ) : (
          <ul className="inspector-topics">
            {member.subscription.map((topic) => {
              const partitions = Object.hasOwn(result.cluster, topic)
                ? result.cluster[topic]
                : undefined;
              return (
                <li key={topic}>
                  <span className="mono">{topic}</span>{' '}
                  {partitions === undefined ? (
                    <span className="badge bad">does not exist: gets nothing from it</span>
                  ) : (
                    <span className="muted">({plural(partitions, 'partition')})</span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby={assignmentId}>
        <h3 id={assignmentId}>
          Assignment{' '}
          {result.error === undefined && (
            <span className="muted">({plural(total, 'partition')})</span>
          )}
        </h3>
        {result.error !== undefined ? (
          <p className="inspector-error">
            The rebalance failed, so no member received an assignment: {result.error}
          </p>
        ) : member.assignment.length === 0 ? (
          <p className="muted">Nothing assigned: {member.id} sits idle in this generation.</p>
        ) : (
          <table className="data" aria-label={`Assignment of ${member.id}`}>
            <thead>
              <tr>
                <th scope="col">topic</th>
                <th scope="col">partitions</th>
                <th scope="col" className="num">
                  count
                </th>
              </tr>
            </thead>
            <tbody>
              {member.assignment.map(([topic, partitions], index) => (
                // A faulty custom assignor may list a topic twice, so the index is part of the key.
                <tr key={`${index}:${topic}`}>
                  <td className="mono">{topic}</td>
                  <td className="mono">{formatPartitions(partitions)}</td>
                  <td className="num">{partitions.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby={metadataId}>
        <h3 id={metadataId}>
          JoinGroup member metadata it sent
          {result.followUpRebalances === undefined
            ? ''
            : ` (in the last of ${result.followUpRebalances + 1} rebalances)`}
        </h3>
        {userDataLine !== undefined && <p className="inspector-reading">{userDataLine}</p>}
        <WireBytes
          bytes={member.metadataBytes}
          kind={stickyUserData ? 'sticky-member-metadata' : 'member-metadata'}
          label={`JoinGroup member metadata of ${member.id}`}
        />
      </section>

      <section aria-labelledby={receivedId}>
        <h3 id={receivedId}>SyncGroup assignment it received</h3>
        {member.assignmentBytes === undefined ? (
          <p className="muted">Nothing: the rebalance failed before SyncGroup.</p>
        ) : (
          <WireBytes
            bytes={member.assignmentBytes}
            kind="member-assignment"
            label={`SyncGroup member assignment of ${member.id}`}
          />
        )}
      </section>
    </div>
  );
}

/** The sticky user data in plain words, e.g. "previous assignment orders [0, 2]; generation −1". */
function readStickyUserData(metadataBytes: Uint8Array): string {
  let userData: Uint8Array;
  try {
    userData = decodeMemberMetadata(metadataBytes).userData;
  } catch (error) {
    return `The member metadata does not decode: ${messageOf(error)}`;
  }
  if (userData.length === 0) return 'No user data: a new or restarted member';
  try {
    const { previousAssignment, generation } = decodeStickyUserData(userData);
    const previous =
      previousAssignment.length === 0 ? 'none' : formatAssignment(previousAssignment);
    return `Sticky user data: previous assignment ${previous}; generation ${formatInt(generation)}`;
  } catch (error) {
    return `User data that is not sticky user data: ${messageOf(error)}`;
  }
}

/**
 * What a Java consumer running cooperative-sticky sent: the owned partitions and generation of
 * its v3 subscription, and its user data (the generation again, as one Int32).
 */
function readJavaSubscription(metadataBytes: Uint8Array): string {
  let metadata: MemberMetadata;
  try {
    metadata = decodeMemberMetadata(metadataBytes);
  } catch (error) {
    return `The member metadata does not decode: ${messageOf(error)}`;
  }
  const owned = metadata.ownedPartitions ?? [];
  const generation = metadata.generationId ?? -1;
  const userGeneration = decodeCooperativeUserData(metadata.userData);
  const userData =
    userGeneration === undefined
      ? `user data of ${metadata.userData.length} bytes`
      : `user data: generation ${formatInt(userGeneration)}`;
  return `Java subscription v${metadata.version}: owns ${owned.length === 0 ? 'nothing' : formatAssignment(owned)}; generation ${formatInt(generation)}${generation < 0 ? ' (none yet)' : ''}; ${userData}`;
}

function formatAssignment(entries: readonly TopicPartitions[]): string {
  return entries
    .map(([topic, partitions]) => `${topic} [${formatPartitions(partitions)}]`)
    .join(', ');
}

/**
 * `0, 1, 2, 3, 7` → `0–3, 7`: runs of three or more collapse, so a large assignment stays one
 * readable line while small ones read exactly as listed. Order is kept as given, because
 * order is what the wire carries.
 */
function formatPartitions(partitions: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < partitions.length) {
    const start = partitions[i] as number;
    let j = i;
    while (j + 1 < partitions.length && partitions[j + 1] === (partitions[j] as number) + 1) j++;
    const end = partitions[j] as number;
    if (j - i >= 2) parts.push(`${start}–${end}`);
    else for (let k = i; k <= j; k++) parts.push(String(partitions[k]));
    i = j + 1;
  }
  return parts.join(', ');
}

/** A typographic minus: "−1" reads better than "-1" in prose. */
function formatInt(n: number): string {
  return n < 0 ? `\u2212${-n}` : String(n);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Pins the member's lane first in every panel and generation, so it can be followed. */
function PinButton({ member }: { member: string }) {
  const { pinned, togglePinned } = useAppStore(
    useShallow((s) => ({ pinned: s.pinnedMembers.includes(member), togglePinned: s.togglePinned })),
  );
  return (
    <button type="button" aria-pressed={pinned} onClick={() => togglePinned(member)}>
      Pin lane
    </button>
  );
}
