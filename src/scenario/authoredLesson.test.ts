import { describe, expect, it } from 'vitest';
import { createBuiltinAssignor } from '../core/assignors';
import { authoredAnswer, authoredLessonSchema, type AuthoredLesson } from './authoredLesson';
import { parseScenarioFile, scenarioFromJson, serializeScenario, ScenarioFileError } from './file';
import { DEFAULT_SCENARIO } from './lessons';
import { replayAll } from './replay';

const results = {
  sticky: replayAll(DEFAULT_SCENARIO, () => createBuiltinAssignor('sticky')),
  range: replayAll(DEFAULT_SCENARIO, () => createBuiltinAssignor('range')),
};

const lesson: AuthoredLesson = {
  title: 'C3 joins',
  question: {
    generation: 2,
    prompt: 'C3 joins. How many partitions does sticky move?',
    choices: ['None', 'Two', 'Four'],
    reveal: 'Two: C3 takes one from C0 and one from C1.',
  },
  answer: { assignor: 'sticky', figure: 'moved', values: [0, 2, 4] },
};

describe('an authored lesson', () => {
  it('is answered by the replay’s figure: the choice whose value it is', () => {
    expect(results.sticky[1]!.metrics.moved).toBe(2);
    expect(authoredAnswer(lesson, results)).toEqual({ figure: 2, answer: 1 });
    // One member's partitions, under another assignor.
    const load = results.range[1]!.members.find((m) => m.id === 'C3')!.assignment.reduce(
      (sum, [, p]) => sum + p.length,
      0,
    );
    const byLoad: AuthoredLesson = {
      ...lesson,
      answer: { assignor: 'range', figure: 'member-load', member: 'C3', values: [load + 1, load] },
      question: { ...lesson.question, choices: ['more', 'exactly'] },
    };
    expect(authoredAnswer(byLoad, results)).toEqual({ figure: load, answer: 1 });
  });

  it('has no answer when no choice, or more than one, has the figure', () => {
    const none = { ...lesson, answer: { ...lesson.answer, values: [0, 1, 3] } };
    expect(authoredAnswer(none, results)).toEqual({ figure: 2, answer: undefined });
    const two = { ...lesson, answer: { ...lesson.answer, values: [2, 2, 4] } };
    expect(authoredAnswer(two, results)).toEqual({ figure: 2, answer: undefined });
    const stranger = {
      ...lesson,
      answer: {
        assignor: 'sticky' as const,
        figure: 'member-load' as const,
        member: 'C9',
        values: [0, 1, 2],
      },
    };
    expect(authoredAnswer(stranger, results).figure).toBeUndefined();
  });

  it('is checked: one value per choice, a member for member-load', () => {
    const short = authoredLessonSchema.safeParse({
      ...lesson,
      answer: { ...lesson.answer, values: [0, 2] },
    });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.message).toBe('needs one value per choice (3), found 2');
    const memberless = authoredLessonSchema.safeParse({
      ...lesson,
      answer: { ...lesson.answer, figure: 'member-load' },
    });
    expect(memberless.error?.issues[0]?.message).toMatch(/needs the member/);
  });

  it('names an unknown field briefly, however long (found by the fuzz run)', () => {
    const json = JSON.parse(serializeScenario({ ...DEFAULT_SCENARIO, lesson })) as {
      lesson: { answer: Record<string, unknown> };
    };
    json.lesson.answer['y'.repeat(5000)] = 1;
    let message = '';
    try {
      scenarioFromJson(json);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^at lesson\.answer: unknown field "y{40}…": an answer has assignor, figure, member, values$/,
    );
  });

  it('travels in the scenario file (version 5), which refuses it at an older version', () => {
    const text = serializeScenario({ ...DEFAULT_SCENARIO, lesson });
    const json = JSON.parse(text) as { version: number; lesson: unknown };
    expect(json.version).toBe(5);
    expect(parseScenarioFile(text).scenario.lesson).toEqual(lesson);
    expect(() => scenarioFromJson({ ...json, version: 4 })).toThrow(
      '"lesson" needs scenario file version 5 (this file says version 4)',
    );
    const late = {
      ...json,
      lesson: { ...lesson, question: { ...lesson.question, generation: 9 } },
    };
    expect(() => scenarioFromJson(late)).toThrow(ScenarioFileError);
    expect(() => scenarioFromJson(late)).toThrow(/asks about generation 9/);
  });
});
