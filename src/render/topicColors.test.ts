import { describe, expect, it } from 'vitest';
import { createBuiltinAssignor } from '../core/assignors';
import { replayAll } from '../scenario/replay';
import type { Scenario } from '../scenario/types';
import { layoutOfGeneration } from './staticSvg';
import { scenarioTopics, topicColors, topicPalette } from './topicColors';

const base: Scenario = {
  name: 'colours',
  userDataMode: 'aiokafka',
  cluster: { orders: 4, payments: 2 },
  steps: [
    { changes: [{ type: 'join', member: 'C1', subscription: ['orders', 'payments', 'audit'] }] },
  ],
};

/** topic → colour of the tokens drawn for generation `g` of `scenario`. */
function drawnColors(scenario: Scenario, g: number): Map<string, string> {
  const generations = replayAll(scenario, () => createBuiltinAssignor('sticky'));
  const layout = layoutOfGeneration(generations, g, { topics: scenarioTopics(scenario) });
  return new Map(layout.tokens.map((t) => [t.topic, t.color]));
}

describe('topic colours', () => {
  it('a topic keeps its colour when a topic whose name sorts earlier is added', () => {
    const before = drawnColors(base, 1);
    const grown: Scenario = {
      ...base,
      steps: [
        ...base.steps,
        { changes: [{ type: 'create-topic', topic: 'audit', partitions: 3 }] },
      ],
    };
    // The picture of generation 1 again, and the new generation with "audit" in it.
    for (const after of [drawnColors(grown, 1), drawnColors(grown, 2)]) {
      expect(after.get('orders')).toBe(before.get('orders'));
      expect(after.get('payments')).toBe(before.get('payments'));
    }
    const withAudit = drawnColors(grown, 2);
    expect(withAudit.get('audit')).toBeDefined();
    expect(new Set(withAudit.values()).size).toBe(3);
  });

  it('lists topics by first appearance: the cluster, then topics created step by step', () => {
    const scenario: Scenario = {
      ...base,
      steps: [
        { changes: [{ type: 'create-topic', topic: 'zeta', partitions: 1 }] },
        { changes: [{ type: 'create-topic', topic: 'alpha', partitions: 1 }] },
        { changes: [{ type: 'create-topic', topic: 'zeta', partitions: 1 }] },
      ],
    };
    expect(scenarioTopics(scenario)).toEqual(['orders', 'payments', 'zeta', 'alpha']);
  });

  it('gives the n-th topic the n-th palette colour, all distinct', () => {
    const colors = topicColors(['b', 'a', 'b', 'c']);
    expect([...colors.keys()]).toEqual(['b', 'a', 'c']);
    expect([...colors.values()]).toEqual(topicPalette(3));
    expect(new Set(topicPalette(40)).size).toBe(40);
  });
});
