import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioFile, scenarioFromJson, ScenarioFileError, serializeScenario } from './file';
import { DEFAULT_SCENARIO } from './lessons';
import type { Scenario } from './types';

const read = (path: string) => readFileSync(path, 'utf8');
const V1 = 'e2e/fixtures/churn.json';
/** Written by the playground before version 3 (scenario file version 2: fixed mode). */
const V2 = 'test/data/churn-fixed.v2.scenario.json';

function errorOf(json: unknown): string {
  try {
    parseScenarioFile(JSON.stringify(json));
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioFileError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be rejected');
}

const v3 = (protocol: unknown) => ({
  ...(JSON.parse(read(V1)) as object),
  version: 3,
  protocol,
});

describe('scenario files: the protocol (version 3)', () => {
  it('loads version 1 and 2 files to the same scenario as before, with no protocol', () => {
    const one = parseScenarioFile(read(V1)).scenario;
    const two = parseScenarioFile(read(V2)).scenario;
    expect(one.protocol).toBeUndefined();
    expect(two.protocol).toBeUndefined();
    expect(two).toEqual({ ...one, assignorMode: 'fixed' });
    // Re-saved, they keep their version: nothing in them needs version 3.
    expect(JSON.parse(serializeScenario(one)).version).toBe(1);
    expect(JSON.parse(serializeScenario(two))).toEqual(JSON.parse(read(V2)));
  });

  it('a version 1 file migrates to version 3 once a protocol is set, and round-trips', () => {
    const one = parseScenarioFile(read(V1)).scenario;
    const withProtocol: Scenario = {
      ...one,
      protocol: {
        name: 'consumer',
        serverAssignor: 'server-range',
        timings: { pollIntervalMs: 50 },
      },
    };
    const text = serializeScenario(withProtocol);
    const json = JSON.parse(text) as { version: number; protocol: unknown };
    expect(json.version).toBe(3);
    expect(json.protocol).toEqual({
      name: 'consumer',
      serverAssignor: 'server-range',
      timings: { pollIntervalMs: 50 },
    });
    const back = parseScenarioFile(text).scenario;
    expect(back).toEqual(withProtocol);
    expect(serializeScenario(back)).toBe(text);
  });

  it('leaves empty timings out', () => {
    const one = parseScenarioFile(read(V1)).scenario;
    const text = serializeScenario({ ...one, protocol: { name: 'eager', timings: {} } });
    expect(JSON.parse(text).protocol).toEqual({ name: 'eager' });
  });

  it('names the path and the reason for an unknown or invalid protocol', () => {
    expect(errorOf(v3({ name: 'lazy' }))).toBe(
      'at protocol.name: unknown protocol "lazy": expected eager, cooperative, consumer',
    );
    expect(errorOf(v3('eager'))).toBe(
      'at protocol: expected an object such as {"name": "cooperative"}',
    );
    expect(errorOf(v3({ name: 'cooperative', serverAssignor: 'server-uniform' }))).toBe(
      'at protocol.serverAssignor: only the consumer protocol has a server-side assignor; the cooperative protocol runs a client assignor in the group leader',
    );
    expect(errorOf(v3({ name: 'consumer', serverAssignor: 'sticky' }))).toBe(
      'at protocol.serverAssignor: unknown server-side assignor "sticky": expected server-uniform or server-range',
    );
    expect(errorOf(v3({ name: 'eager', timings: { heartbeatMs: 1 } }))).toBe(
      'at protocol.timings: unknown timing "heartbeatMs": expected heartbeatIntervalMs, pollIntervalMs, rebalanceMs, revokeMs, sessionTimeoutMs',
    );
    expect(errorOf(v3({ name: 'eager', timings: { heartbeatIntervalMs: 0 } }))).toBe(
      'at protocol.timings.heartbeatIntervalMs: must be more than 0 ms',
    );
    expect(errorOf(v3({ name: 'eager', timings: { revokeMs: -5 } }))).toBe(
      'at protocol.timings.revokeMs: must be a number of ms ≥ 0',
    );
  });

  it('refuses a protocol in a file that says an older version', () => {
    expect(errorOf({ ...v3({ name: 'eager' }), version: 2 })).toBe(
      '"protocol" needs scenario file version 3 (this file says version 2)',
    );
  });
});

describe('a hostile protocol object', () => {
  it('names at most three unknown timings, shortened, however many there are', () => {
    const timings = Object.fromEntries(
      Array.from({ length: 500 }, (_, i) => [`${'k'.repeat(300)}${i}`, 1]),
    );
    const json = JSON.parse(serializeScenario(DEFAULT_SCENARIO)) as Record<string, unknown>;
    json.version = 3;
    json.protocol = { name: 'eager', timings };
    let message = '';
    try {
      scenarioFromJson(json);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/unknown timing "k{40}…", "k{40}…", "k{40}…" and 497 more: expected/);
    expect(message.length).toBeLessThan(400);
  });
});
