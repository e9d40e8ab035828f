import { describe, expect, it } from 'vitest';
import { MovementLogError, PartitionMovements } from './partitionMovements';

const topicOf = (p: string) => p.split('-')[0] as string;

describe('PartitionMovements', () => {
  it('is sticky while partitions of a topic move one way between two members', () => {
    const movements = new PartitionMovements(topicOf);
    movements.movePartition('t-0', 'A', 'B');
    movements.movePartition('t-1', 'A', 'B');
    expect(movements.isSticky()).toBe(true);
  });

  it('is not sticky when partitions of one topic move both ways between two members', () => {
    const movements = new PartitionMovements(topicOf);
    movements.movePartition('t-0', 'A', 'B');
    movements.movePartition('t-1', 'B', 'A');
    expect(movements.isSticky()).toBe(false);
  });

  it('allows opposite moves on different topics', () => {
    const movements = new PartitionMovements(topicOf);
    movements.movePartition('t-0', 'A', 'B');
    movements.movePartition('u-0', 'B', 'A');
    expect(movements.isSticky()).toBe(true);
  });

  it('forgets a partition that returns to where it started', () => {
    const movements = new PartitionMovements(topicOf);
    movements.movePartition('t-0', 'A', 'B');
    movements.movePartition('t-0', 'B', 'A');
    expect(movements.moves().size).toBe(0);
    movements.movePartition('t-1', 'B', 'A');
    expect(movements.isSticky()).toBe(true);
  });

  it('chains moves: A→B then B→C is one move A→C', () => {
    const movements = new PartitionMovements(topicOf);
    movements.movePartition('t-0', 'A', 'B');
    movements.movePartition('t-0', 'B', 'C');
    expect([...movements.moves()]).toEqual([['t-0', { src: 'A', dst: 'C' }]]);
  });

  it('moves back a partition that travelled the opposite way instead of the one asked for', () => {
    const movements = new PartitionMovements(topicOf);
    movements.movePartition('t-0', 'A', 'B');
    // t-5 should go B→A; moving t-0 back undoes a move rather than adding a reverse one.
    expect(movements.partitionToBeMoved('t-5', 'B', 'A')).toBe('t-0');
    expect(movements.partitionToBeMoved('u-5', 'B', 'A')).toBe('u-5');
    expect(movements.partitionToBeMoved('t-5', 'B', 'C')).toBe('t-5');
  });

  it('rejects a move from a member that does not hold the partition', () => {
    const movements = new PartitionMovements(topicOf);
    movements.movePartition('t-0', 'A', 'B');
    expect(() => movements.movePartition('t-0', 'C', 'D')).toThrow(MovementLogError);
  });
});
