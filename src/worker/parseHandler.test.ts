import { describe, expect, it } from 'vitest';
import { serializeScenario } from '../scenario/file';
import { DEFAULT_SCENARIO } from '../scenario/lessons';
import { encodeShareFragment } from '../scenario/shareLink';
import { handleParseRequest } from './parseHandler';

describe('the parse worker', () => {
  it('answers a file by id with the scenario, and a broken one with its message', async () => {
    expect(
      await handleParseRequest({
        type: 'parse-file',
        id: 4,
        text: serializeScenario(DEFAULT_SCENARIO),
      }),
    ).toEqual({
      type: 'parsed',
      id: 4,
      loaded: { scenario: DEFAULT_SCENARIO, customAssignor: undefined },
    });
    expect(await handleParseRequest({ type: 'parse-file', id: 5, text: '[1]' })).toEqual({
      type: 'parse-failed',
      id: 5,
      reason: 'invalid',
      message: 'expected a JSON object with "format": "rebalance-playground/scenario"',
    });
  });

  it('answers a link, and a fragment without a scenario with nothing', async () => {
    const fragment = await encodeShareFragment(DEFAULT_SCENARIO);
    const reply = await handleParseRequest({ type: 'parse-link', id: 1, fragment });
    expect(reply).toMatchObject({ type: 'parsed', id: 1, loaded: { scenario: DEFAULT_SCENARIO } });
    expect(await handleParseRequest({ type: 'parse-link', id: 2, fragment: '#lesson=x' })).toEqual({
      type: 'parsed',
      id: 2,
      loaded: undefined,
    });
  });
});
