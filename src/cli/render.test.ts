import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempFiles } from './testing';
import { describe, expect, it } from 'vitest';
import { createBuiltinAssignor } from '../core/assignors';
import { computeGroupLayout } from '../render/layout';
import { layoutOfGeneration, renderGroupSvg, scenarioTopics } from '../render/staticSvg';
import { tokenMarkupKey } from '../render/markup';
import { allElements, parseXml } from '../render/testing/xml';
import { parseScenarioFile } from '../scenario/file';
import { partitionKey, replayAll } from '../scenario/replay';

const run = runCli;

const { dir } = tempFiles('cli-render-');
const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;
const attrValues = (text: string, name: string) =>
  [...text.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1]);

describe('cli render', () => {
  it('writes an SVG with a lane per member and a token per partition', async () => {
    const target = join(dir, 'kip54.svg');
    const { code, out, err } = await run(
      'render',
      'e2e/fixtures/kip54-example1.json',
      '--assignor',
      'roundrobin',
      '--generation',
      '2',
      '--out',
      target,
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe(
      `wrote ${target}: generation 2 of "KIP-54 example 1: one member leaves" with roundrobin (2 members, 8 tokens)`,
    );
    const svg = readFileSync(target, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    // A well-formed file (browsers refuse anything else) whose keys name their partitions.
    const keys = allElements(parseXml(svg)).flatMap((e) => e.attributes['data-key'] ?? []);
    expect(keys).toHaveLength(8);
    expect(keys).toContain('t1/0');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(attrValues(svg, 'data-member')).toEqual(['', 'C0', 'C2']);
    expect(count(svg, /<g class="lane"/g)).toBe(3);
    expect(count(svg, /<rect class="token"/g)).toBe(8);
    // C1 left: its partitions are orphaned; roundrobin moved t1 between C0 and C2.
    const states = attrValues(svg, 'data-state');
    expect(states.filter((s) => s === 'orphaned')).toHaveLength(3);
    expect(states.filter((s) => s === 'moved')).toHaveLength(2);
    expect(svg).toContain('roundrobin · generation 2 of 2: C1 leaves');
    expect(svg).toContain('C1 (had 3)');
    expect(svg).not.toMatch(/href|url\(|<image|<script/);
  });

  it('prints the SVG to stdout without --out, one token per partition of the cluster', async () => {
    const { code, out } = await run(
      'render',
      'e2e/fixtures/churn.json',
      '--assignor',
      'sticky',
      '--generation',
      '7',
    );
    expect(code).toBe(0);
    expect(out).toMatch(/^<svg /);
    expect(parseXml(out).name).toBe('svg');
    // orders 9 + payments 4 + audit 3
    expect(count(out, /<rect class="token"/g)).toBe(16);
    for (const member of ['C0', 'C1', 'C2', 'C3']) expect(out).toContain(`data-member="${member}"`);
  });

  it('exits 2 naming the valid range when the generation is out of range', async () => {
    for (const generation of ['0', '8']) {
      const { code, err } = await run(
        'render',
        'e2e/fixtures/churn.json',
        '--assignor',
        'sticky',
        '--generation',
        generation,
      );
      expect(code).toBe(2);
      expect(err).toBe(
        `error: --generation ${generation} is out of range: e2e/fixtures/churn.json has 7 generations, 1 to 7`,
      );
    }
  });

  it('exits 2 on other bad input', async () => {
    const args = ['e2e/fixtures/kip54-example1.json', '--assignor', 'sticky'];
    expect((await run('render', ...args)).err).toMatch(/^error: --generation is required/);
    expect((await run('render', ...args, '--generation', 'two')).err).toBe(
      'error: --generation must be a whole number, got "two"',
    );
    expect((await run('render', ...args.slice(1), '--generation', '1')).err).toMatch(
      /^error: usage: render/,
    );
    const unknown = await run('render', args[0]!, '--assignor', 'fair', '--generation', '1');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown assignor "fair": use one of range, roundrobin, sticky/);
    const bad = await run(
      'render',
      'e2e/fixtures/bad-scenario.json',
      '--assignor',
      'sticky',
      '--generation',
      '1',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(
      'error: e2e/fixtures/bad-scenario.json: step 2, change 1: C9 is not in the group',
    );
    const missing = await run(
      'render',
      join(dir, 'nope.json'),
      '--assignor',
      'sticky',
      '--generation',
      '1',
    );
    expect(missing.err).toBe(`error: ${join(dir, 'nope.json')}: no such file`);
  });
});

describe('renderGroupSvg', () => {
  const scenario = parseScenarioFile(
    readFileSync('e2e/fixtures/kip54-example1.json', 'utf8'),
  ).scenario;
  const generations = replayAll(scenario, () => createBuiltinAssignor('sticky'));
  const layout = layoutOfGeneration(generations, 2, { topics: scenarioTopics(scenario) });

  it('draws the layout: tokens at the layout’s coordinates, in the topic colours', () => {
    const svg = renderGroupSvg(layout);
    expect(count(svg, /<rect class="token"/g)).toBe(layout.tokens.length);
    for (const token of layout.tokens) {
      expect(svg).toContain(
        `data-key="${tokenMarkupKey(token)}" x="${token.x}" y="${token.y}" width="${token.size}" height="${token.size}"`,
      );
    }
    for (const { topic, color } of layout.topics) {
      expect(svg).toContain(`fill="${color}"`);
      expect(svg).toContain(`>${topic}</text>`);
    }
    expect(svg).toContain('<title>C0: 4 partitions</title>');
    expect(svg).toMatch(/font-family="system-ui, [^"]*sans-serif"/);
  });

  it('is the same layout as computeGroupLayout of the generation and the one before', () => {
    expect(layout).toEqual(
      computeGroupLayout(
        { current: generations[1]!, previous: generations[0]! },
        { topics: ['t0', 't1', 't2', 't3'] },
      ),
    );
  });

  it('dims everything but the highlighted partitions, as the page does', () => {
    const highlight = new Set([partitionKey('t0', 0)]);
    const svg = renderGroupSvg(layout, { highlight, legend: false });
    expect(count(svg, /<rect class="token"[^>]*opacity="0\.18"/g)).toBe(layout.tokens.length - 1);
    expect(svg).not.toContain('class="legend"');
  });

  it('escapes text and sizes the picture to its title and legend', () => {
    const svg = renderGroupSvg(layout, {
      title: 'a <b> & "c"',
      subtitle: 'x · y',
      background: null,
    });
    expect(svg).toContain('>a &lt;b&gt; &amp; &quot;c&quot;</text>');
    expect(svg).not.toContain('class="background"');
    const [width, height] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!.slice(1).map(Number);
    expect(width).toBeGreaterThanOrEqual(layout.width);
    expect(height).toBeGreaterThan(layout.height + 40);
  });

  it('renders an empty group: every partition in the unassigned lane', () => {
    const empty = computeGroupLayout({ current: { members: [], cluster: { t: 2 } } });
    const svg = renderGroupSvg(empty);
    expect(count(svg, /<rect class="token"/g)).toBe(2);
    expect(attrValues(svg, 'data-state')).toEqual(['unassigned', 'unassigned']);
  });
});
