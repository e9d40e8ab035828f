/**
 * The editor's starting template and examples: one that works, some that are wrong in the
 * ways people's assignors are wrong, and the aiokafka style. Each says what it shows.
 * The tests run every one of them and check the verdict its description promises.
 *
 * Each program lives in its own file under ./examples, imported as text (`?raw`), so tsc and
 * ESLint check it like other code while the editor shows it byte for byte. Each file must stay
 * self-contained: the user copies it into the editor, where imports are not available.
 */
import type { AssignorLanguage } from './compile';
import templateSource from './examples/template.ts?raw';
import leastLoadedSource from './examples/least-loaded.ts?raw';
import dropsPartitionSource from './examples/drops-partition.ts?raw';
import duplicateSource from './examples/duplicate.ts?raw';
import unsubscribedTopicSource from './examples/unsubscribed-topic.ts?raw';
import neverReturnsSource from './examples/never-returns.ts?raw';
import throwsSource from './examples/throws.ts?raw';
import recursesForeverSource from './examples/recurses-forever.ts?raw';
import allocatesWithoutBoundSource from './examples/allocates-without-bound.ts?raw';
import aiokafkaStaticClassSource from './examples/aiokafka-static-class.js?raw';
import aiokafkaNamesSource from './examples/aiokafka-names.js?raw';

export interface AssignorExample {
  readonly id: string;
  /** The label in the examples menu. */
  readonly title: string;
  /** What it does, and what to expect when it runs. */
  readonly description: string;
  readonly kind: 'template' | 'working' | 'broken';
  readonly language: AssignorLanguage;
  readonly source: string;
}

export const TEMPLATE: AssignorExample = {
  id: 'template',
  title: 'Template',
  description:
    'The interface to implement, documented, with a simple assign that deals each topic out to its subscribers in turn.',
  kind: 'template',
  language: 'typescript',
  source: templateSource,
};

const leastLoaded: AssignorExample = {
  id: 'least-loaded',
  title: 'Least loaded (works)',
  description:
    'Gives each partition to the subscriber that holds the fewest partitions so far. A class with instance methods. Valid in every generation.',
  kind: 'working',
  language: 'typescript',
  source: leastLoadedSource,
};

const dropsPartition: AssignorExample = {
  id: 'drops-partition',
  title: 'Broken: drops a partition',
  description:
    'An off-by-one leaves the last partition of every topic to no one: the validator lists them as unassigned.',
  kind: 'broken',
  language: 'typescript',
  source: dropsPartitionSource,
};

const duplicates: AssignorExample = {
  id: 'duplicate',
  title: 'Broken: gives one partition to two members',
  description:
    "Splits topics into ranges that overlap by one, so a range's last partition is also the next member's first: duplicated tokens.",
  kind: 'broken',
  language: 'typescript',
  source: duplicateSource,
};

const unsubscribedTopic: AssignorExample = {
  id: 'unsubscribed-topic',
  title: 'Broken: assigns an unsubscribed topic',
  description:
    'Deals every topic of the cluster to every member, whatever they subscribe to: misassigned tokens where a member does not read the topic.',
  kind: 'broken',
  language: 'typescript',
  source: unsubscribedTopicSource,
};

const neverReturns: AssignorExample = {
  id: 'never-returns',
  title: 'Broken: never returns',
  description:
    'Skips members that do not subscribe to a topic with a loop that forgets to move on: it hangs as soon as one member reads fewer topics than the others, and the deadline stops it.',
  kind: 'broken',
  language: 'typescript',
  source: neverReturnsSource,
};

const throws: AssignorExample = {
  id: 'throws',
  title: 'Broken: throws',
  description:
    "Expects JSON in every member's user data, but members send none: JSON.parse throws, and every rebalance fails.",
  kind: 'broken',
  language: 'typescript',
  source: throwsSource,
};

const recursesForever: AssignorExample = {
  id: 'recurses-forever',
  title: 'Broken: recurses forever',
  description:
    'A recursive helper that never shrinks its input overflows the stack: "recursed without end".',
  kind: 'broken',
  language: 'typescript',
  source: recursesForeverSource,
};

const allocatesWithoutBound: AssignorExample = {
  id: 'allocates-without-bound',
  title: 'Broken: allocates without bound',
  description:
    'Keeps a history of every candidate assignment it considers, and considers them forever: it runs out of memory (or out of time first).',
  kind: 'broken',
  language: 'typescript',
  source: allocatesWithoutBoundSource,
};

const aiokafkaStyle: AssignorExample = {
  id: 'aiokafka-static-class',
  title: 'aiokafka style: static class (works)',
  description:
    'A round-robin written the way aiokafka writes assignors: a class with static methods and state on the class, in JavaScript with module.exports. Each member gets its own subclass, so the state is per member.',
  kind: 'working',
  language: 'javascript',
  source: aiokafkaStaticClassSource,
};

const aiokafkaNames: AssignorExample = {
  id: 'aiokafka-names',
  title: 'Broken: aiokafka names (will not load)',
  description:
    'Uses on_assignment and forgets assign: the loader names both problems and points to the migration notes.',
  kind: 'broken',
  language: 'javascript',
  source: aiokafkaNamesSource,
};

/** The examples menu, in order: the template first, then working, then broken. */
export const EXAMPLES: readonly AssignorExample[] = [
  TEMPLATE,
  leastLoaded,
  aiokafkaStyle,
  dropsPartition,
  duplicates,
  unsubscribedTopic,
  throws,
  neverReturns,
  recursesForever,
  allocatesWithoutBound,
  aiokafkaNames,
];

export function findExample(id: string): AssignorExample | undefined {
  return EXAMPLES.find((example) => example.id === id);
}
