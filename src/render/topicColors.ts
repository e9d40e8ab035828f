/**
 * Which colour each topic gets. A topic keeps its colour for the life of a scenario: colours
 * go by first appearance (the initial cluster, then topics created step by step), so adding a
 * topic, even one whose name sorts first, never recolours the topics already on screen.
 */
import { hsl } from 'd3-color';
import type { Topic } from '../core/types';
import type { Scenario } from '../scenario/types';

/**
 * Okabe and Ito's colour-universal-design palette, without its black (which hides the ink
 * outline of moved tokens): these seven stay apart under protanopia, deuteranopia and
 * tritanopia (colorVision.test.ts checks it with Machado et al.'s simulation).
 */
export const TOPIC_HUES = [
  '#0072b2', // blue
  '#e69f00', // orange
  '#009e73', // bluish green
  '#d55e00', // vermillion
  '#56b4e9', // sky blue
  '#cc79a7', // reddish purple
  '#f0e442', // yellow
] as const;

/** Lightness shifts for the 2nd, 3rd, … round through the palette. */
const LIGHTNESS_SHIFTS = [0, -0.15, 0.15, -0.25, 0.25, -0.08, 0.08, 0.32];

/**
 * `n` colours: the seven hues, then the same hues darker, lighter, and so on, for more than
 * seven topics (those are told apart by their pattern too: topicPattern).
 */
export function topicPalette(n: number): string[] {
  const colors: string[] = [];
  for (let i = 0; i < n; i++) {
    const base = TOPIC_HUES[i % TOPIC_HUES.length] as string;
    const round = Math.floor(i / TOPIC_HUES.length);
    const shift = LIGHTNESS_SHIFTS[round % LIGHTNESS_SHIFTS.length] as number;
    if (shift === 0) {
      colors.push(base);
      continue;
    }
    const c = hsl(base);
    c.l = Math.min(0.9, Math.max(0.1, c.l + shift));
    colors.push(c.formatHex());
  }
  return colors;
}

/**
 * The second cue, which is not colour: the pattern drawn over a topic's tokens (and its legend
 * swatch). 0 is plain; see TOPIC_PATTERNS. Eight patterns against seven hues: the n-th topic's
 * (hue, pattern) pair is unique for the first 56 topics, and the first eight differ in pattern
 * alone, so a reader who sees no colour at all still tells them apart.
 */
export const TOPIC_PATTERNS = [
  'plain',
  'diagonal',
  'dots',
  'horizontal',
  'anti-diagonal',
  'vertical',
  'cross',
  'grid',
] as const;
export type TopicPattern = (typeof TOPIC_PATTERNS)[number];

/** The pattern of the n-th topic (by first appearance). */
export function topicPattern(n: number): TopicPattern {
  return TOPIC_PATTERNS[n % TOPIC_PATTERNS.length] as TopicPattern;
}

/** topic → colour, the n-th distinct topic of `topics` getting the n-th palette colour. */
export function topicColors(topics: Iterable<Topic>): Map<Topic, string> {
  const domain = [...new Set(topics)];
  const palette = topicPalette(domain.length);
  return new Map(domain.map((topic, i) => [topic, palette[i] as string]));
}

/** topic → pattern, in the same order as topicColors. */
export function topicPatterns(topics: Iterable<Topic>): Map<Topic, TopicPattern> {
  return new Map([...new Set(topics)].map((topic, i) => [topic, topicPattern(i)]));
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
