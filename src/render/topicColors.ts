/**
 * Which colour each topic gets. A topic keeps its colour for the life of a scenario: colours
 * go by first appearance (the initial cluster, then topics created step by step), so adding a
 * topic, even one whose name sorts first, never recolours the topics already on screen.
 */
import { hsl } from 'd3-color';
import { schemeTableau10 } from 'd3-scale-chromatic';
import type { Topic } from '../core/types';
import type { Scenario } from '../scenario/types';

/** Lightness shifts for the 2nd, 3rd, … round through the palette. */
const LIGHTNESS_SHIFTS = [0, -0.2, 0.17, -0.32, 0.28];

/**
 * `n` colours: Tableau 10 (designed to stay apart for colour-blind readers), then the same
 * hues darker, lighter, and so on, for more than 10 topics.
 */
export function topicPalette(n: number): string[] {
  const colors: string[] = [];
  for (let i = 0; i < n; i++) {
    const base = schemeTableau10[i % schemeTableau10.length] as string;
    const round = Math.floor(i / schemeTableau10.length);
    const shift = LIGHTNESS_SHIFTS[round % LIGHTNESS_SHIFTS.length] as number;
    if (shift === 0) {
      colors.push(base);
      continue;
    }
    const c = hsl(base);
    c.l = Math.min(0.85, Math.max(0.2, c.l + shift));
    colors.push(c.formatHex());
  }
  return colors;
}

/** topic → colour, the n-th distinct topic of `topics` getting the n-th palette colour. */
export function topicColors(topics: Iterable<Topic>): Map<Topic, string> {
  const domain = [...new Set(topics)];
  const palette = topicPalette(domain.length);
  return new Map(domain.map((topic, i) => [topic, palette[i] as string]));
}

/**
 * Every topic a scenario ever has, in order of first appearance: the initial cluster's, then
 * each step's created topics. The colour domain that keeps colours stable: steps added at the
 * end only add topics at the end.
 */
export function scenarioTopics(scenario: Scenario): Topic[] {
  const topics = new Set(Object.keys(scenario.cluster));
  for (const step of scenario.steps)
    for (const change of step.changes) if (change.type === 'create-topic') topics.add(change.topic);
  return [...topics];
}

/** A topic → colour function: topics by first appearance in `topics` (see topicColors.ts). */
export function topicColorScale(topics: Iterable<Topic>): (topic: Topic) => string {
  const colors = topicColors(topics);
  const fallback = topicPalette(colors.size + 1)[colors.size] as string;
  return (topic) => colors.get(topic) ?? fallback;
}
