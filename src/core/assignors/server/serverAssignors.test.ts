import { describe, expect, it } from 'vitest';
import {
  ServerRangeAssignor,
  ServerUniformAssignor,
  topicIdForName,
  type ServerGroup,
} from './index';
import { javaHashSetOrder, parseTopicId, topicIdHashCode } from './topicId';

const topics = [
  { name: 'a', id: '00000000000000010000000000000000', partitions: 3 },
  { name: 'b', id: '00000000000000000000000000000002', partitions: 2 },
];

describe('server assignors on playground input', () => {
  it('ignore a subscribed topic that does not exist, as the coordinator has no id for it', () => {
    const group: ServerGroup = {
      topics,
      members: [
        { id: 'x', subscription: ['a', 'ghost'], current: [] },
        { id: 'y', subscription: ['a'], current: [] },
      ],
    };
    expect(new ServerUniformAssignor().assign(group)).toEqual({ x: { a: [0, 2] }, y: { a: [1] } });
    expect(new ServerRangeAssignor().assign(group)).toEqual({ x: { a: [0, 1] }, y: { a: [2] } });
  });

  it('drop current partitions a topic no longer has, instead of failing', () => {
    const group: ServerGroup = {
      topics,
      members: [{ id: 'x', subscription: ['a'], current: [['a', [0, 7]]] }],
    };
    expect(new ServerUniformAssignor().assign(group)).toEqual({ x: { a: [0, 1, 2] } });
  });

  it('range puts static members first, by instance id', () => {
    const group: ServerGroup = {
      topics,
      members: [
        { id: 'a-dynamic', subscription: ['a'], current: [] },
        { id: 'z-static', instanceId: 'i1', subscription: ['a'], current: [] },
      ],
    };
    expect(new ServerRangeAssignor().assign(group)).toEqual({
      'z-static': { a: [0, 1] },
      'a-dynamic': { a: [2] },
    });
  });

  it('rejects a malformed topic id with the id in the message', () => {
    const group: ServerGroup = { topics: [{ name: 'a', id: 'xyz', partitions: 1 }], members: [] };
    expect(() => new ServerRangeAssignor().assign(group)).toThrow(
      'topic id "xyz" is not 32 hex digits',
    );
  });
});

describe("Java's Uuid hash and HashSet order", () => {
  it('folds the xor of both halves to 32 bits, signed', () => {
    // most = 1 << 32, least = 2: xor = 0x1_0000_0002, hash = 1 ^ 2 = 3
    expect(topicIdHashCode(parseTopicId('00000001000000000000000000000002'))).toBe(3);
    expect(topicIdHashCode(parseTopicId('ffffffff00000000000000000000000f'))).toBe(~0 ^ 15);
  });

  it('iterates by bucket, then insertion, in a 16-slot table until 12 keys', () => {
    expect(javaHashSetOrder([17, 1, 16, 2], (k) => k)).toEqual([16, 17, 1, 2]);
    // 12 keys: capacity 12 / 0.75 + 1 = 17, so a 32-slot table and 17 no longer shares 1's bucket.
    const keys = [17, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    expect(javaHashSetOrder(keys, (k) => k)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 17]);
  });
});

describe('topicIdForName', () => {
  it('gives every name its own valid id, the same on every call', () => {
    const ids = ['orders', 'payments', 't0', 't1', ''].map(topicIdForName);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(topicIdForName('orders')).toBe(ids[0]);
  });
});
