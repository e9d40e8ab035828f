import { describe, expect, it } from 'vitest';
import { parseScenarioFile, serializeScenario, ScenarioFileError } from './file';
import { DEFAULT_SCENARIO } from './lessons';
import { decodeShareFragment, encodeShareFragment } from './shareLink';
import { viewFromParams, viewParams, type SharedView } from './sharedView';

const view: SharedView = {
  generation: 3,
  assignors: ['range', 'sticky'],
  comparedProtocol: 'cooperative',
  presentation: true,
};

describe('a shared view', () => {
  it('travels in a scenario file and a share link, and reads back the same', async () => {
    const text = serializeScenario(DEFAULT_SCENARIO, undefined, view);
    expect((JSON.parse(text) as { view: unknown }).view).toEqual(view);
    expect(parseScenarioFile(text)).toEqual({
      scenario: DEFAULT_SCENARIO,
      customAssignor: undefined,
      view,
    });
    const fragment = await encodeShareFragment(DEFAULT_SCENARIO, undefined, view);
    expect(await decodeShareFragment(`#${fragment}`)).toEqual({
      scenario: DEFAULT_SCENARIO,
      customAssignor: undefined,
      view,
    });
    // Without one, the file is what it always was.
    expect(serializeScenario(DEFAULT_SCENARIO, undefined, {})).toBe(
      serializeScenario(DEFAULT_SCENARIO),
    );
  });

  it('in a file, a wrong view is refused with its path', () => {
    const json = JSON.parse(serializeScenario(DEFAULT_SCENARIO)) as Record<string, unknown>;
    json.view = { assignors: ['sticky', 'fastest'] };
    expect(() => parseScenarioFile(JSON.stringify(json))).toThrow(ScenarioFileError);
    expect(() => parseScenarioFile(JSON.stringify(json))).toThrow(
      /at view\.assignors\[1\]: unknown assignor "fastest"/,
    );
    json.view = { generation: -1 };
    expect(() => parseScenarioFile(JSON.stringify(json))).toThrow(/at view\.generation/);
  });

  it('as link parameters: what can be used is, and the rest is named', () => {
    expect(viewFromParams(new URLSearchParams(viewParams(view)))).toEqual({ view, problems: [] });
    const { view: partial, problems } = viewFromParams(
      new URLSearchParams('g=two&a=sticky,nonsense,range&vs=lazy&present=1'),
    );
    expect(partial).toEqual({ assignors: ['sticky', 'range'], presentation: true });
    expect(problems).toEqual([
      'generation "two" is not a generation number',
      'unknown assignor "nonsense"',
      'unknown protocol "lazy"',
    ]);
  });
});
