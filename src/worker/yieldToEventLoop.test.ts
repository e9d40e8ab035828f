import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventLoopYield } from './yieldToEventLoop';

/** Yields until a zero-delay timer set before the loop fires; returns how many it took. */
async function yieldsUntilTimer(yieldNow: () => Promise<void>): Promise<number> {
  let fired = false;
  setTimeout(() => (fired = true), 0);
  let count = 0;
  while (!fired && count < 100_000) {
    await yieldNow();
    count++;
  }
  return count;
}

describe('createEventLoopYield', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lets timers run between yields in Node', async () => {
    // A zero-delay timer waits at least 1 ms in Node; what matters is that it is not starved
    // for long, whatever else the machine is doing (so a wall-clock bound, not a count).
    const started = performance.now();
    await yieldsUntilTimer(createEventLoopYield());
    expect(performance.now() - started).toBeLessThan(250);
  });

  it('falls back to a MessageChannel round trip without setImmediate, as in browsers', async () => {
    vi.stubGlobal('setImmediate', undefined);
    const yieldNow = createEventLoopYield();
    const order: string[] = [];
    const pending = yieldNow().then(() => order.push('yielded'));
    order.push('sync');
    await pending;
    expect(order).toEqual(['sync', 'yielded']);
    // Node drains port messages in batches, so a timer may wait a while; it still gets in.
    expect(await yieldsUntilTimer(yieldNow)).toBeLessThan(100_000);
  });

  it('falls back to setTimeout without setImmediate or MessageChannel', async () => {
    vi.stubGlobal('setImmediate', undefined);
    vi.stubGlobal('MessageChannel', undefined);
    expect(await yieldsUntilTimer(createEventLoopYield())).toBeLessThan(3);
  });
});
