import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/types';
import { canonicalJson, scenarioFingerprint, sha256Hex, shortFingerprint } from './fingerprint';

const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches node:crypto at every padding boundary and on non-ASCII text', () => {
    for (let n = 0; n < 200; n++) {
      const text = 'x'.repeat(n);
      expect(sha256Hex(text), `length ${n}`).toBe(nodeSha256(text));
    }
    for (const text of ['é', 'topic-ü-€', '𝄞 clef', 'mixed \u0000 nul', '日本語のトピック']) {
      expect(sha256Hex(text), text).toBe(nodeSha256(text));
    }
  });

  it('hashes lone surrogates as U+FFFD, as TextEncoder encodes them', () => {
    for (const text of ['\ud800', 'x\udc00y', '\ud83d\ude00']) {
      const bytes = new TextEncoder().encode(text);
      expect(sha256Hex(text), JSON.stringify(text)).toBe(
        createHash('sha256').update(bytes).digest('hex'),
      );
    }
    expect(sha256Hex('\ud800')).toBe(sha256Hex('\ufffd'));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":1,"z":0}]},"b":1}',
    );
  });
});

describe('scenarioFingerprint', () => {
  const scenario: Scenario = {
    name: 'one',
    userDataMode: 'aiokafka',
    cluster: { t1: 2, t0: 1 },
    steps: [
      { note: 'join', changes: [{ type: 'join', member: 'C0', subscription: ['t0', 't1'] }] },
    ],
  };

  it('is sha256 of the content, stable under key order, names and notes', () => {
    const fingerprint = scenarioFingerprint(scenario);
    expect(fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(shortFingerprint(fingerprint)).toHaveLength(12);
    const reordered: Scenario = {
      steps: [{ changes: [{ subscription: ['t0', 't1'], member: 'C0', type: 'join' }] }],
      cluster: { t0: 1, t1: 2 },
      userDataMode: 'aiokafka',
      name: 'renamed',
      description: 'new words',
    };
    expect(scenarioFingerprint(reordered)).toBe(fingerprint);
  });

  // Computed by the hand-written SHA-256 this module had before @noble/hashes: results files
  // saved then must still match their scenarios.
  it('keeps the fingerprints results files were written with', () => {
    expect(scenarioFingerprint(scenario)).toBe(
      'sha256:4e389bb5bad4fb626596883bce6563fff39aae953e17d9261e866b2aa35510ae',
    );
    // Keys sorted by UTF-16 code unit (an astral topic before U+E000), a lone surrogate.
    const unicode: Scenario = {
      name: 'u',
      userDataMode: 'aiokafka',
      cluster: { '\ue000': 1, '𝄞': 2, é: 3 },
      steps: [
        { changes: [{ type: 'join', member: 'C\ud800', subscription: ['𝄞', '\ue000', 'é'] }] },
      ],
    };
    expect(scenarioFingerprint(unicode)).toBe(
      'sha256:747bf0029df4e20922d2d5036e62f56b1ced899068c9f3a8eae74ec1bf72664c',
    );
  });

  it('changes with anything that changes the replay', () => {
    const fingerprint = scenarioFingerprint(scenario);
    expect(scenarioFingerprint({ ...scenario, userDataMode: 'counter' })).not.toBe(fingerprint);
    expect(scenarioFingerprint({ ...scenario, cluster: { t0: 1, t1: 3 } })).not.toBe(fingerprint);
    expect(
      scenarioFingerprint({
        ...scenario,
        steps: [{ changes: [{ type: 'join', member: 'C0', subscription: ['t1', 't0'] }] }],
      }),
    ).not.toBe(fingerprint);
    expect(
      scenarioFingerprint({ ...scenario, steps: [...scenario.steps, { changes: [] }] }),
    ).not.toBe(fingerprint);
  });
});
