/**
 * Write a lesson about the scenario on screen: a question about one generation, its choices,
 * the reveal, and which figure of the replay decides the answer (authoredLesson.ts). The form
 * checks the draft against the replay as it is typed, and saves only a lesson the replay can
 * answer: exactly one choice's value is the figure. Saved in the scenario, so Export and Share
 * carry it, and "This scenario's lesson" in the lesson menu plays it.
 */
import { useId, useState } from 'react';
import { BUILTIN_ASSIGNOR_NAMES, type BuiltinAssignorName } from '../core/assignors';
import {
  AUTHORED_LESSON_ID,
  authoredAnswer,
  authoredLessonSchema,
  LESSON_FIGURE_LABELS,
  LESSON_FIGURES,
  MAX_LESSON_CHOICES,
  MIN_LESSON_CHOICES,
  type AuthoredLesson,
  type LessonFigure,
} from '../scenario/authoredLesson';
import { describeIssues } from '../scenario/zodIssues';
import { useAppStore } from '../store/store';
import { useShallow } from 'zustand/react/shallow';

interface Choice {
  text: string;
  value: string;
}

function draftOf(
  lesson: AuthoredLesson | undefined,
  steps: number,
): {
  title: string;
  generation: string;
  prompt: string;
  reveal: string;
  assignor: BuiltinAssignorName;
  figure: LessonFigure;
  member: string;
  choices: Choice[];
} {
  return {
    title: lesson?.title ?? '',
    generation: String(lesson?.question.generation ?? Math.max(1, steps)),
    prompt: lesson?.question.prompt ?? '',
    reveal: lesson?.question.reveal ?? '',
    assignor: lesson?.answer.assignor ?? 'sticky',
    figure: lesson?.answer.figure ?? 'moved',
    member: lesson?.answer.member ?? '',
    choices: lesson
      ? lesson.question.choices.map((text, i) => ({
          text,
          value: String(lesson.answer.values[i] ?? ''),
        }))
      : [
          { text: '', value: '0' },
          { text: '', value: '1' },
          { text: '', value: '2' },
        ],
  };
}

type Draft = ReturnType<typeof draftOf>;

/**
 * The draft checked as it is typed (cheap: a small schema and one figure of the replay): the
 * lesson it makes and the replay's answer, or why it cannot be saved yet.
 */
function checkDraft(
  draft: Draft,
  steps: number,
  results: Parameters<typeof authoredAnswer>[1],
): { problem?: string; figure?: number; answer?: number; lesson?: AuthoredLesson } {
  const parsed = authoredLessonSchema.safeParse({
    title: draft.title,
    question: {
      generation: Number(draft.generation),
      prompt: draft.prompt,
      choices: draft.choices.map((c) => c.text),
      reveal: draft.reveal,
    },
    answer: {
      assignor: draft.assignor,
      figure: draft.figure,
      ...(draft.figure === 'member-load' ? { member: draft.member.trim() } : {}),
      // A value left empty, or not a number, is no value (null), which the schema names.
      values: draft.choices.map((c) => {
        const value = c.value.trim() === '' ? Number.NaN : Number(c.value);
        return Number.isFinite(value) ? value : null;
      }),
    },
  });
  if (!parsed.success) return { problem: describeIssues(parsed.error, 1) };
  if (parsed.data.question.generation > steps)
    return { problem: `the scenario has ${steps} generations` };
  const { figure, answer } = authoredAnswer(parsed.data, results);
  if (figure === undefined)
    return {
      problem:
        draft.figure === 'member-load'
          ? `${draft.member || 'that member'} is not in the group at generation ${draft.generation} under ${draft.assignor}`
          : `no ${draft.assignor} result for generation ${draft.generation} yet`,
    };
  if (answer === undefined)
    return {
      figure,
      problem: `the replay gives ${figure}: exactly one choice must have that value`,
    };
  return { figure, answer, lesson: parsed.data };
}

export function LessonAuthor() {
  const { lesson, steps, results, setAuthoredLesson, enterLesson } = useAppStore(
    useShallow((s) => ({
      lesson: s.scenario.lesson,
      steps: s.scenario.steps.length,
      results: s.results,
      setAuthoredLesson: s.setAuthoredLesson,
      enterLesson: s.enterLesson,
    })),
  );
  // Re-seeded when the scenario's lesson changes (a load, an undo), not on every keystroke.
  return (
    <LessonForm
      key={JSON.stringify(lesson ?? null)}
      lesson={lesson}
      steps={steps}
      results={results}
      onSave={setAuthoredLesson}
      onPlay={() => enterLesson(AUTHORED_LESSON_ID)}
    />
  );
}

function LessonForm({
  lesson,
  steps,
  results,
  onSave,
  onPlay,
}: {
  lesson: AuthoredLesson | undefined;
  steps: number;
  results: Parameters<typeof authoredAnswer>[1];
  onSave: (lesson: AuthoredLesson | undefined) => void;
  onPlay: () => void;
}) {
  const [draft, setDraft] = useState(() => draftOf(lesson, steps));
  const id = useId();
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const setChoice = (index: number, change: Partial<Choice>) =>
    set(
      'choices',
      draft.choices.map((c, i) => (i === index ? { ...c, ...change } : c)),
    );

  const checked = checkDraft(draft, steps, results);

  return (
    <details className="lesson-author" open={lesson === undefined ? undefined : true}>
      <summary>Write a lesson about this scenario</summary>
      <div className="stack">
        <label htmlFor={`${id}-title`}>Title</label>
        <input
          id={`${id}-title`}
          value={draft.title}
          onChange={(e) => set('title', e.target.value)}
        />
        <label htmlFor={`${id}-generation`}>About generation</label>
        <input
          id={`${id}-generation`}
          type="number"
          min={1}
          max={steps}
          value={draft.generation}
          onChange={(e) => set('generation', e.target.value)}
        />
        <label htmlFor={`${id}-prompt`}>Question</label>
        <textarea
          id={`${id}-prompt`}
          rows={2}
          value={draft.prompt}
          onChange={(e) => set('prompt', e.target.value)}
        />
        <label htmlFor={`${id}-figure`}>The answer is the replay’s</label>
        <div className="row">
          <select
            id={`${id}-figure`}
            value={draft.figure}
            onChange={(e) => set('figure', e.target.value as LessonFigure)}
          >
            {LESSON_FIGURES.map((f) => (
              <option key={f} value={f}>
                {LESSON_FIGURE_LABELS[f]}
              </option>
            ))}
          </select>
          <select
            aria-label="Under the assignor"
            value={draft.assignor}
            onChange={(e) => set('assignor', e.target.value as BuiltinAssignorName)}
          >
            {BUILTIN_ASSIGNOR_NAMES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        {draft.figure === 'member-load' ? (
          <input
            aria-label="Member"
            placeholder="member id, e.g. C0"
            value={draft.member}
            onChange={(e) => set('member', e.target.value)}
          />
        ) : null}
        <fieldset className="lesson-author-choices">
          <legend>Choices and the value each stands for</legend>
          {draft.choices.map((choice, i) => (
            <div key={i} className="row">
              <input
                aria-label={`Choice ${i + 1}`}
                value={choice.text}
                onChange={(e) => setChoice(i, { text: e.target.value })}
              />
              <input
                aria-label={`Value of choice ${i + 1}`}
                type="number"
                min={0}
                className="lesson-author-value"
                value={choice.value}
                onChange={(e) => setChoice(i, { value: e.target.value })}
              />
            </div>
          ))}
          <div className="row">
            {draft.choices.length < MAX_LESSON_CHOICES ? (
              <button
                type="button"
                className="small"
                onClick={() => set('choices', [...draft.choices, { text: '', value: '' }])}
              >
                Add a choice
              </button>
            ) : null}
            {draft.choices.length > MIN_LESSON_CHOICES ? (
              <button
                type="button"
                className="small"
                onClick={() => set('choices', draft.choices.slice(0, -1))}
              >
                Remove the last
              </button>
            ) : null}
          </div>
        </fieldset>
        <label htmlFor={`${id}-reveal`}>Shown after the answer</label>
        <textarea
          id={`${id}-reveal`}
          rows={2}
          value={draft.reveal}
          onChange={(e) => set('reveal', e.target.value)}
        />
        <p
          className={checked.problem === undefined ? 'muted' : 'field-error'}
          data-testid="lesson-author-check"
          role="status"
        >
          {checked.problem === undefined
            ? `The replay gives ${checked.figure}: choice ${(checked.answer ?? 0) + 1} is the answer.`
            : `Not saved yet: ${checked.problem}.`}
        </p>
        <div className="row">
          <button
            type="button"
            className="primary"
            disabled={checked.lesson === undefined}
            onClick={() => checked.lesson && onSave(checked.lesson)}
          >
            Save the lesson
          </button>
          {lesson !== undefined ? (
            <>
              <button type="button" onClick={onPlay}>
                Play it
              </button>
              <button type="button" onClick={() => onSave(undefined)}>
                Remove it
              </button>
            </>
          ) : null}
        </div>
      </div>
    </details>
  );
}
