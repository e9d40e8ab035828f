import { describe, expect, it } from 'vitest';
import { createBuiltinAssignor } from '../core/assignors';
import { replayAll } from '../scenario/replay';
import type { Scenario } from '../scenario/types';
import { computeGroupLayout, type LayoutGenerationInput } from './layout';
import { markupKey, parseMarkupKey, tokenMarkupKey, xmlChars, xmlEscape } from './markup';
import { layoutOfGeneration, renderGroupSvg, scenarioTopics } from './staticSvg';
import { allElements, parseXml } from './testing/xml';

/** Names a user may type or a file may hold: each one has broken some XML writer somewhere. */
const HOSTILE = [
  'orders',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  `q"u'o&te`,
  ']]>',
  'lone \uD800 surrogate',
  'rtl \u202Eevil\u202C mark',
  'nul \u0000 and \u0007 bell',
  'a/b%2f',
  `long-${'x'.repeat(10_000)}`,
];

/** Two generations over those names, as members and topics: one member leaves, two join. */
function hostileGenerations(): [LayoutGenerationInput, LayoutGenerationInput] {
  const cluster = Object.fromEntries(HOSTILE.map((topic, i) => [topic, 1 + (i % 3)]));
  const members = (ids: readonly string[]) =>
    ids.map((id, mi) => ({
      id,
      subscription: HOSTILE,
      assignment: HOSTILE.filter((_, ti) => ti % ids.length === mi).map(
        (topic, ti) =>
          [topic, Array.from({ length: 1 + ((ti * ids.length + mi) % 3) }, (_, p) => p)] as const,
      ),
    }));
  return [
    { cluster, members: members(HOSTILE.slice(0, 6)) },
    {
      cluster,
      members: members([...HOSTILE.slice(0, 1), ...HOSTILE.slice(2, 6), ...HOSTILE.slice(6, 8)]),
    },
  ];
}

describe('markupKey', () => {
  it('is printable and gives the parts back, whatever the names hold', () => {
    for (const name of HOSTILE) {
      const key = markupKey(name, 3, `owner ${name}`);
      expect(key).toMatch(/^[A-Za-z0-9._~%/-]+$/);
      expect(parseMarkupKey(key)).toEqual([name, '3', `owner ${name}`]);
    }
    expect(markupKey('orders', 2)).toBe('orders/2');
  });

  it('tells apart names that a plain separator would mix up', () => {
    expect(markupKey('a/b', 1)).not.toBe(markupKey('a', 'b/1'));
    expect(markupKey('a-1', 2)).not.toBe(markupKey('a', '1-2'));
    expect(markupKey('%002f', 0)).not.toBe(markupKey('/', 0));
  });
});

describe('xmlEscape', () => {
  it('keeps markup characters as text and drops what XML cannot carry', () => {
    const doc = parseXml(
      `<t a="${xmlEscape(HOSTILE.join('|'))}">${xmlEscape(']]> <x/> &amp;')}</t>`,
    );
    expect(doc.text).toBe(']]> <x/> &amp;');
    expect(doc.attributes.a).toContain('<script>alert(1)</script>');
    expect(doc.attributes.a).toContain('lone \uFFFD surrogate');
    expect(doc.attributes.a).toContain('rtl \u202Eevil\u202C mark');
  });
});

describe('renderGroupSvg output parses as XML', () => {
  it('with plain names: every token has a printable data-key naming its partition', () => {
    const scenario: Scenario = {
      name: 'plain',
      userDataMode: 'aiokafka',
      cluster: { orders: 3 },
      steps: [{ changes: [{ type: 'join', member: 'C1', subscription: ['orders'] }] }],
    };
    const generations = replayAll(scenario, () => createBuiltinAssignor('sticky'));
    const svg = renderGroupSvg(layoutOfGeneration(generations, 1), { title: scenario.name });
    const tokens = allElements(parseXml(svg)).filter((e) => e.attributes.class === 'token');
    expect(tokens.map((t) => t.attributes['data-key'])).toEqual([
      'orders/0',
      'orders/1',
      'orders/2',
    ]);
  });

  it('with hostile topic and member names: no markup injected, keys distinct and printable', () => {
    const [previous, current] = hostileGenerations();
    for (const input of [{ current: previous }, { current, previous }]) {
      const layout = computeGroupLayout(input, { topics: HOSTILE });
      const svg = renderGroupSvg(layout, {
        title: HOSTILE.join(' '),
        subtitle: HOSTILE.join(' · '),
      });
      const root = parseXml(svg);
      expect(root.name).toBe('svg');
      const elements = allElements(root);
      // The only elements are the ones the renderer writes: no name became markup.
      expect([...new Set(elements.map((e) => e.name))].sort()).toEqual([
        'g',
        'rect',
        'svg',
        'text',
        'title',
      ]);
      const tokens = elements.filter((e) => e.attributes.class === 'token');
      expect(tokens).toHaveLength(layout.tokens.length);
      const keys = tokens.map((t) => t.attributes['data-key'] as string);
      expect(keys).toEqual(layout.tokens.map(tokenMarkupKey));
      expect(new Set(keys).size).toBe(keys.length);
      for (const [i, key] of keys.entries()) {
        const token = layout.tokens[i]!;
        expect(parseMarkupKey(key).slice(0, 2)).toEqual([token.topic, String(token.partition)]);
        expect(tokens[i]!.attributes['data-topic']).toBe(xmlChars(token.topic));
      }
      // Every topic is in the legend; the picture stays picture-sized however long a name is.
      const texts = elements.filter((e) => e.name === 'text').map((e) => e.text);
      expect(texts).toContain('<script>alert(1)</script>');
      expect(texts).toContain(']]>');
      expect(Number(root.attributes.width)).toBeLessThan(2000);
      expect(svg.length).toBeLessThan(200_000);
    }
  });

  it('with names a replay accepts, in every generation of every assignor', () => {
    const names = ['orders', '<script>', `q"u'o&te`, ']]>', 'rtl \u202Eevil', 'a/b%2f'];
    const scenario: Scenario = {
      name: 'names <&> ]]> \u0000',
      userDataMode: 'aiokafka',
      cluster: Object.fromEntries(names.map((topic, i) => [topic, 1 + i])),
      steps: [
        {
          changes: names.map((n) => ({
            type: 'join' as const,
            member: `m ${n}`,
            subscription: names,
          })),
        },
        { changes: [{ type: 'leave', member: `m ${names[1]}` }] },
        { changes: [{ type: 'create-topic', topic: '\u0000nul', partitions: 2 }] },
      ],
    };
    for (const assignor of ['range', 'roundrobin', 'sticky'] as const) {
      const generations = replayAll(scenario, () => createBuiltinAssignor(assignor));
      for (let g = 1; g <= generations.length; g++) {
        const layout = layoutOfGeneration(generations, g, { topics: scenarioTopics(scenario) });
        const svg = renderGroupSvg(layout, {
          title: scenario.name,
          subtitle: generations[g - 1]!.summary,
        });
        const tokens = allElements(parseXml(svg)).filter((e) => e.attributes.class === 'token');
        expect(tokens.map((t) => t.attributes['data-key'])).toEqual(
          layout.tokens.map(tokenMarkupKey),
        );
      }
    }
  });

  it('with a partition given to two members (duplicate copies keep distinct keys)', () => {
    const layout = computeGroupLayout({
      current: {
        members: [
          { id: 'A/1', assignment: [['t\u0000', [0]]] },
          { id: 'B', assignment: [['t\u0000', [0]]] },
          { id: 'lone \uDC00', assignment: [['\uD800', [0]]] },
        ],
        cluster: { 't\u0000': 1, '\uD800': 1 },
      },
    });
    const tokens = allElements(parseXml(renderGroupSvg(layout))).filter(
      (e) => e.attributes.class === 'token',
    );
    expect(tokens.map((t) => t.attributes['data-key']).sort()).toEqual([
      '%d800/0',
      't%0000/0',
      't%0000/0/B',
    ]);
  });
});
