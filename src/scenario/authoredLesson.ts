/**
 * A lesson written by a user about their own scenario: a question about one generation, its
 * choices and the reveal, saved in the scenario (file version 5, share links). Its answer is
 * never typed in: each choice names a value, and the right one is the choice whose value is
 * the replay's figure at that generation (moved, kept, spread, unassigned, or one member's
 * partitions under one assignor), as the built-in lessons' answers are checked against the
 * replay. No user code runs: the figure is one of a fixed list.
 */
import { z } from 'zod';
import { BUILTIN_ASSIGNOR_NAMES, type BuiltinAssignorName } from '../core/assignors';
import type { Lesson } from './lessons';
import { unknownFieldError } from './zodIssues';
import type { GenerationResult } from './replay';

export const AUTHORED_LESSON_ID = 'this-scenario';

export const LESSON_FIGURES = ['moved', 'kept', 'spread', 'unassigned', 'member-load'] as const;
export type LessonFigure = (typeof LESSON_FIGURES)[number];

export const LESSON_FIGURE_LABELS: Readonly<Record<LessonFigure, string>> = {
  moved: 'partitions moved',
  kept: 'partitions kept',
  spread: 'spread (largest − smallest load)',
  unassigned: 'partitions unassigned',
  'member-load': 'partitions of one member',
};

export interface AuthoredLesson {
  title: string;
  question: {
    /** The generation (1-based) the learner predicts. */
    generation: number;
    prompt: string;
    choices: string[];
    reveal: string;
  };
  answer: {
    assignor: BuiltinAssignorName;
    figure: LessonFigure;
    /** For `member-load`: whose partitions. */
    member?: string;
    /** The value each choice stands for, index for index. */
    values: number[];
  };
}

/** How many choices a question has, at least and at most (the form keeps to them too). */
export const MIN_LESSON_CHOICES = 2;
export const MAX_LESSON_CHOICES = 5;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const authoredLessonSchema = z
  .strictObject(
    {
      title: text(120),
      question: z.strictObject(
        {
          generation: z.number().int().min(1).max(500),
          prompt: text(500),
          choices: z
            .array(text(200))
            .min(MIN_LESSON_CHOICES, `needs at least ${MIN_LESSON_CHOICES} choices`)
            .max(MAX_LESSON_CHOICES, `at most ${MAX_LESSON_CHOICES} choices`),
          reveal: text(1000),
        },
        { error: unknownFieldError('a question has generation, prompt, choices, reveal') },
      ),
      answer: z.strictObject(
        {
          assignor: z.enum(BUILTIN_ASSIGNOR_NAMES),
          figure: z.enum(LESSON_FIGURES),
          member: z.string().min(1).max(249).optional(),
          values: z.array(z.number().int().min(0).max(1_000_000)).max(MAX_LESSON_CHOICES),
        },
        { error: unknownFieldError('an answer has assignor, figure, member, values') },
      ),
    },
    { error: unknownFieldError('a lesson has title, question, answer') },
  )
  .superRefine((lesson, context) => {
    if (lesson.answer.values.length !== lesson.question.choices.length)
      context.addIssue({
        code: 'custom',
        path: ['answer', 'values'],
        message: `needs one value per choice (${lesson.question.choices.length}), found ${lesson.answer.values.length}`,
      });
    if (lesson.answer.figure === 'member-load' && lesson.answer.member === undefined)
      context.addIssue({
        code: 'custom',
        path: ['answer', 'member'],
        message: 'the figure "member-load" needs the member whose partitions it counts',
      });
  });

/** The figure a lesson's answer is read from, in one generation's result. */
export function lessonFigure(
  result: GenerationResult,
  answer: AuthoredLesson['answer'],
): number | undefined {
  if (result.error !== undefined) return undefined;
  switch (answer.figure) {
    case 'moved':
      return result.metrics.moved;
    case 'kept':
      return result.metrics.kept;
    case 'spread':
      return result.metrics.spread;
    case 'unassigned':
      return result.metrics.unassigned;
    case 'member-load': {
      const member = result.members.find((m) => m.id === answer.member);
      return member?.assignment.reduce((sum, [, partitions]) => sum + partitions.length, 0);
    }
  }
}

/**
 * What the replay says about an authored lesson: its figure, and the index of the one choice
 * whose value it is (undefined when none or several are: the lesson cannot be answered).
 */
export function authoredAnswer(
  lesson: AuthoredLesson,
  results: Readonly<Record<string, readonly GenerationResult[]>>,
): { figure: number | undefined; answer: number | undefined } {
  const result = results[lesson.answer.assignor]?.[lesson.question.generation - 1];
  const figure = result === undefined ? undefined : lessonFigure(result, lesson.answer);
  if (figure === undefined) return { figure, answer: undefined };
  const matching = lesson.answer.values.flatMap((value, i) => (value === figure ? [i] : []));
  return { figure, answer: matching.length === 1 ? matching[0] : undefined };
}

/** A scenario's own lesson in the shape the lesson panel plays (its scenario is that one). */
export function lessonOfScenario<S extends { lesson?: AuthoredLesson }>(
  scenario: S,
): (Lesson & { authored: AuthoredLesson }) | undefined {
  const authored = scenario.lesson;
  if (authored === undefined) return undefined;
  return {
    id: AUTHORED_LESSON_ID,
    title: authored.title,
    summary: 'A lesson written for this scenario',
    explanation: [],
    scenario: scenario as unknown as Lesson['scenario'],
    assignors: [authored.answer.assignor],
    question: { ...authored.question, answer: -1 },
    check: (results) => authoredAnswer(authored, results).answer ?? -1,
    authored,
  };
}
