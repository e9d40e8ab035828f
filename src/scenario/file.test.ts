import { describe, expect, it } from 'vitest';
import {
  parseScenarioFile,
  ScenarioFileError,
  serializeScenario,
  SCENARIO_FORMAT,
  SCENARIO_VERSION,
} from './file';
import { DEFAULT_SCENARIO } from './lessons';
import { randomScenario } from './random';
import { decodeShareFragment, encodeShareFragment } from './shareLink';

const valid = JSON.parse(serializeScenario(DEFAULT_SCENARIO));

function errorOf(text: string): string {
  try {
    parseScenarioFile(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioFileError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be rejected');
}

describe('scenario files', () => {
  it('round-trips a scenario and a custom assignor', () => {
    const custom = { name: 'mine', language: 'typescript' as const, source: 'export default {}' };
    const loaded = parseScenarioFile(serializeScenario(DEFAULT_SCENARIO, custom));
    expect(loaded).toEqual({ scenario: DEFAULT_SCENARIO, customAssignor: custom });
  });

  it('says where the JSON is broken', () => {
    expect(errorOf('{\n  "format": "x",\n  oops\n}')).toMatch(
      /^not valid JSON: .* at line 3, column 3$/,
    );
  });

  it('rejects a file of another kind by its format field', () => {
    expect(errorOf('{"format": "aiokafka-assignor-conformance/1"}')).toBe(
      `not a scenario file: "format" is "aiokafka-assignor-conformance/1", expected "${SCENARIO_FORMAT}"`,
    );
    expect(errorOf('[1, 2]')).toMatch(/expected a JSON object/);
  });

  it('rejects a newer version with a clear message', () => {
    expect(errorOf(JSON.stringify({ ...valid, version: SCENARIO_VERSION + 1 }))).toMatch(
      new RegExp(`version ${SCENARIO_VERSION + 1} is newer`),
    );
  });

  it('names the path of a schema problem', () => {
    const broken = structuredClone(valid);
    broken.steps[1].changes[0].subscription = 'orders';
    expect(errorOf(JSON.stringify(broken))).toMatch(/^at steps\[1\]\.changes\[0\]\.subscription: /);
    const unknownChange = structuredClone(valid);
    unknownChange.steps[0].changes[0] = { type: 'explode', member: 'C0' };
    expect(errorOf(JSON.stringify(unknownChange))).toMatch(/^at steps\[0\]\.changes\[0\]\.type: /);
    const negative = { ...valid, cluster: { orders: -1 } };
    expect(errorOf(JSON.stringify(negative))).toMatch(/^at cluster\.orders: /);
  });

  it('names the step and change that cannot happen', () => {
    const ghost = structuredClone(valid);
    ghost.steps[2].changes = [{ type: 'leave', member: 'C9' }];
    expect(errorOf(JSON.stringify(ghost))).toBe('step 3, change 1: C9 is not in the group');
    const shrink = structuredClone(valid);
    shrink.steps[3].changes = [{ type: 'add-partitions', topic: 'orders', partitions: 2 }];
    expect(errorOf(JSON.stringify(shrink))).toMatch(
      /^step 4, change 1: topic orders has 6 partitions; it can only grow/,
    );
  });

  it('refuses clusters larger than the page can show', () => {
    const huge = {
      ...valid,
      cluster: Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`t${i}`, 100_000])),
    };
    expect(errorOf(JSON.stringify(huge))).toMatch(/more than 200000 partitions/);
  });
});

describe('share links', () => {
  it('round-trip a scenario through the URL fragment', async () => {
    const fragment = await encodeShareFragment(DEFAULT_SCENARIO);
    expect(fragment).toMatch(/^s=[A-Za-z0-9_-]+$/);
    expect(await decodeShareFragment(`#${fragment}`)).toEqual({
      scenario: DEFAULT_SCENARIO,
      customAssignor: undefined,
    });
  });

  it('ignore a fragment without a scenario', async () => {
    expect(await decodeShareFragment('')).toBeUndefined();
    expect(await decodeShareFragment('#lesson=range-skew')).toBeUndefined();
  });

  it('explain a damaged link', async () => {
    const fragment = await encodeShareFragment(DEFAULT_SCENARIO);
    await expect(decodeShareFragment(`#${fragment.slice(0, 40)}`)).rejects.toThrow(
      /the shared link is damaged/,
    );
    await expect(decodeShareFragment('#s=***')).rejects.toThrow(/not valid base64url/);
  });
});

describe('random scenarios', () => {
  it('are valid, and the same seed gives the same scenario', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const scenario = randomScenario(seed);
      expect(() => parseScenarioFile(serializeScenario(scenario))).not.toThrow();
      expect(randomScenario(seed)).toEqual(scenario);
    }
    expect(randomScenario(1)).not.toEqual(randomScenario(2));
  });
});
