import { describe, expect, it } from 'vitest';
import { SCENARIO_LIMITS } from '../scenario/file';
import type { Scenario } from '../scenario/types';
import type { ReplayResponse } from './protocol';
import { createReplayHandler } from './replayHandler';

describe('the replay worker bounds the total work', () => {
  it('refuses, with the limit named, a scenario grown in the page past the work limit', async () => {
    // Each step is legal; 40 generations of 100,000 partitions is 4 million per assignor.
    const scenario: Scenario = {
      name: 'grown',
      userDataMode: 'aiokafka',
      cluster: { t: 100_000 },
      steps: [
        { changes: [{ type: 'join', member: 'a', subscription: ['t'] }] },
        ...Array.from({ length: 39 }, () => ({ changes: [] })),
      ],
    };
    const messages: ReplayResponse[] = [];
    const handler = createReplayHandler((m) => messages.push(m));
    await handler.handle({ type: 'replay', id: 1, scenario, assignors: ['range', 'sticky'] });
    expect(messages).toEqual([
      {
        type: 'replay-error',
        id: 1,
        reason: 'invalid-scenario',
        message: `replaying it would assign 4000000 partitions (partitions × generations) for each of the 2 assignors compared; at most ${SCENARIO_LIMITS.partitionGenerations} are allowed per assignor, so drop steps or partitions`,
      },
    ]);
  });
});
