import { describe, expect, it } from 'vitest';
import { createReplayClient, type WorkerEventLike, type WorkerLike } from './client';
import type { ReplayRequest } from './protocol';

/** A worker stuck in code that never returns: it takes requests and never answers. */
class StuckWorker implements WorkerLike {
  terminated = false;
  readonly received: ReplayRequest[] = [];
  postMessage(message: ReplayRequest): void {
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(_type: string, _listener: (event: WorkerEventLike) => void): void {}
}

const scenario = { name: 's', userDataMode: 'aiokafka' as const, cluster: { t: 1 }, steps: [] };

describe('the replay client’s safety net for built-in code that never returns', () => {
  it('stops a silent worker, replaces it, and says why', async () => {
    const workers: StuckWorker[] = [];
    const client = createReplayClient({
      createWorker: () => {
        const worker = new StuckWorker();
        workers.push(worker);
        return worker;
      },
      silenceDeadlineMs: 50,
    });
    const outcome = await client.replay(scenario, ['sticky']);
    expect(outcome).toEqual({
      status: 'crashed',
      message: 'The replay sent nothing for 0.05 s and was stopped; the worker was restarted.',
    });
    expect(workers).toHaveLength(2);
    expect(workers[0]?.terminated).toBe(true);
    expect(workers[1]?.terminated).toBe(false);
    client.dispose();
  });
});
