import { describe, expect, it } from 'vitest';
import {
  UNREADABLE_MESSAGE,
  connectWorker,
  replyGuard,
  type WorkerEventLike,
  type WorkerLike,
} from './workerClient';

type EventType = 'message' | 'error' | 'messageerror';

class FakeWorker implements WorkerLike<{ type: 'ping'; id: number }> {
  readonly posted: unknown[] = [];
  terminated = false;
  private readonly listeners = new Map<EventType, ((event: WorkerEventLike) => void)[]>();
  postMessage(message: { type: 'ping'; id: number }): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(type: EventType, listener: (event: WorkerEventLike) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: EventType, event: WorkerEventLike): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

function connected() {
  const worker = new FakeWorker();
  const messages: unknown[] = [];
  const crashes: (string | undefined)[] = [];
  const connection = connectWorker(worker, {
    message: (data) => messages.push(data),
    crash: (detail) => crashes.push(detail),
  });
  return { worker, messages, crashes, connection };
}

describe('connectWorker', () => {
  it('sends requests and delivers messages', () => {
    const { worker, messages, connection } = connected();
    connection.send({ type: 'ping', id: 1 });
    worker.emit('message', { data: { type: 'pong', id: 1 } });
    expect(worker.posted).toEqual([{ type: 'ping', id: 1 }]);
    expect(messages).toEqual([{ type: 'pong', id: 1 }]);
  });

  it('reports an error event with its message, or none when the browser gave none', () => {
    const { worker, crashes } = connected();
    worker.emit('error', { message: 'Uncaught RangeError' });
    worker.emit('error', { message: '' });
    worker.emit('messageerror', {});
    expect(crashes).toEqual(['Uncaught RangeError', undefined, UNREADABLE_MESSAGE]);
  });

  it('drops everything a terminated worker still sends', () => {
    const { worker, messages, crashes, connection } = connected();
    connection.terminate();
    worker.emit('message', { data: 'late' });
    worker.emit('error', { message: 'late' });
    expect(worker.terminated).toBe(true);
    expect(messages).toEqual([]);
    expect(crashes).toEqual([]);
  });
});

describe('replyGuard', () => {
  type Reply = { type: 'done'; id: number } | { type: 'progress'; id: number; done: number };
  const isReply = replyGuard<Reply>(['done', 'progress']);

  it('accepts a known type with a numeric id', () => {
    expect(isReply({ type: 'done', id: 3 })).toBe(true);
    expect(isReply({ type: 'progress', id: 0, done: 1 })).toBe(true);
  });

  it('rejects anything else', () => {
    for (const data of [
      null,
      undefined,
      'done',
      3,
      {},
      { type: 'done' },
      { type: 'done', id: '3' },
      { type: 'other', id: 1 },
    ])
      expect(isReply(data)).toBe(false);
  });
});
