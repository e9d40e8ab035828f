import { beforeEach, describe, expect, it } from 'vitest';
import { builtinRunFactory } from '../scenario/builtinRuns';
import { parseScenarioFile, serializeScenario } from '../scenario/file';
import { DEFAULT_SCENARIO } from '../scenario/lessons';
import { protocolRunsOf } from '../scenario/protocolReplay';
import { replayAll } from '../scenario/replay';
import { selectProtocol } from './selectors';
import { useAppStore } from './store';

const initial = useAppStore.getState();
beforeEach(() => useAppStore.setState(initial, true));

const sticky = replayAll(DEFAULT_SCENARIO, builtinRunFactory('sticky', DEFAULT_SCENARIO));

function withRuns(protocol: 'eager' | 'cooperative') {
  const store = useAppStore.getState();
  store.setProtocol(protocol);
  store.setReplayResults({ sticky }, {});
  store.setProtocolRuns({ sticky: { [protocol]: protocolRunsOf(protocol, sticky) } });
  store.setStepRounds(true);
}

const position = () => {
  const { generation, roundAt } = useAppStore.getState();
  return [generation, roundAt?.generation === generation ? roundAt.round : undefined];
};

describe('protocol playback', () => {
  it('steps round by round: each generation’s rounds, then its settled state', () => {
    withRuns('cooperative'); // generation 2 (C3 joins) takes two rounds, the others one
    useAppStore.getState().setGeneration(1);
    const seen = [position()];
    for (let i = 0; i < 8; i++) {
      useAppStore.getState().stepBy(1);
      seen.push(position());
    }
    expect(seen).toEqual([
      [1, undefined],
      [2, 1],
      [2, 2],
      [2, undefined],
      [3, 1],
      [3, undefined],
      [4, 1],
      [4, undefined],
      [4, undefined], // the end: nothing further
    ]);
    // Back: round 1 of 4, then 3 settled.
    for (let i = 0; i < 2; i++) useAppStore.getState().stepBy(-1);
    expect(position()).toEqual([3, undefined]);
  });

  it('without Step through rounds, a step is a generation', () => {
    withRuns('eager');
    useAppStore.getState().setStepRounds(false);
    useAppStore.getState().setGeneration(1);
    useAppStore.getState().stepBy(1);
    expect(position()).toEqual([2, undefined]);
  });

  it('the consumer protocol switches to a server-side assignor, and back', () => {
    const store = useAppStore.getState();
    store.setAssignors(['sticky', 'range']);
    store.setProtocol('consumer');
    expect(useAppStore.getState().assignors).toEqual(['server-uniform']);
    useAppStore.getState().setProtocol('cooperative');
    expect(useAppStore.getState().assignors).toEqual(['sticky']);
    // A compared protocol equal to the primary one is no comparison.
    useAppStore.getState().setComparedProtocol('cooperative');
    expect(useAppStore.getState().comparedProtocol).toBeUndefined();
    useAppStore.getState().setComparedProtocol('eager');
    useAppStore.getState().setProtocol(undefined);
    expect(useAppStore.getState().comparedProtocol).toBeUndefined();
  });
});

describe('protocol lessons', () => {
  it('leaving one takes its protocol away and brings back the user’s assignors', () => {
    useAppStore.getState().setAssignors(['range']);
    useAppStore.getState().enterLesson('kip848-reconciliation');
    expect(selectProtocol(useAppStore.getState())).toBe('consumer');
    expect(useAppStore.getState().assignors).toEqual(['server-uniform']);
    useAppStore.getState().leaveLesson();
    expect(selectProtocol(useAppStore.getState())).toBeUndefined();
    expect(useAppStore.getState().assignors).toEqual(['range']);
  });
});

describe('the protocol is part of the scenario', () => {
  const savedProtocol = () =>
    (JSON.parse(serializeScenario(useAppStore.getState().scenario)) as { protocol?: unknown })
      .protocol;

  it('is written into the scenario file, and undo takes it back out', () => {
    useAppStore.getState().setProtocol('cooperative');
    expect(savedProtocol()).toEqual({ name: 'cooperative' });
    useAppStore.getState().undo();
    expect(savedProtocol()).toBeUndefined();
    expect(selectProtocol(useAppStore.getState())).toBeUndefined();
    useAppStore.getState().redo();
    expect(savedProtocol()).toEqual({ name: 'cooperative' });
  });

  it('keeps its timings across protocols, each change one undo step', () => {
    const store = useAppStore.getState();
    store.setProtocol('eager');
    store.setProtocolTimings({ heartbeatIntervalMs: 1000 });
    useAppStore.getState().setProtocolTimings({ revokeMs: 400 });
    useAppStore.getState().setProtocol('cooperative');
    expect(savedProtocol()).toEqual({
      name: 'cooperative',
      timings: { heartbeatIntervalMs: 1000, revokeMs: 400 },
    });
    useAppStore.getState().undo(); // back to eager
    useAppStore.getState().undo(); // revoke back to its default
    expect(savedProtocol()).toEqual({ name: 'eager', timings: { heartbeatIntervalMs: 1000 } });
  });

  it('names the server-side assignor shown under the consumer protocol', () => {
    useAppStore.getState().setProtocol('consumer');
    expect(savedProtocol()).toEqual({ name: 'consumer', serverAssignor: 'server-uniform' });
    useAppStore.getState().setAssignors(['server-range', 'server-uniform']);
    expect(savedProtocol()).toEqual({ name: 'consumer', serverAssignor: 'server-range' });
  });

  it('opening a file under the consumer protocol shows its server-side assignor', () => {
    useAppStore.getState().setAssignors(['sticky', 'range']);
    const file = parseScenarioFile(
      serializeScenario({
        ...DEFAULT_SCENARIO,
        protocol: { name: 'consumer', serverAssignor: 'server-range' },
      }),
    );
    useAppStore.getState().loadScenario(file.scenario);
    expect(selectProtocol(useAppStore.getState())).toBe('consumer');
    expect(useAppStore.getState().assignors).toEqual(['server-range']);
    // A file without a protocol brings back a client assignor.
    useAppStore.getState().loadScenario(DEFAULT_SCENARIO);
    expect(useAppStore.getState().assignors).toEqual(['sticky']);
  });
});
