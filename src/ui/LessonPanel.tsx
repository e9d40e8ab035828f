/**
 * Guided lessons: a menu to start one, and a panel with its explanation and a
 * predict-then-reveal question. Predicting before seeing the step is the point: the learner
 * commits to an intuition, then watches the rebalance confirm or correct it.
 */
import { useId, useState, type ChangeEvent } from 'react';
import { findLesson, LESSONS, type Lesson } from '../scenario/lessons';
import { AUTHORED_LESSON_ID } from '../scenario/authoredLesson';
import { selectGeneration, selectLesson } from '../store/selectors';
import { useAppStore } from '../store/store';
import type { AppState } from '../store/types';
import './panels.css';
import { useShallow } from 'zustand/react/shallow';

const selectLessonId = (s: AppState) => s.lessonId;
const selectLessonAnswer = (s: AppState) => s.lessonAnswer;
const selectAnswerLesson = (s: AppState) => s.answerLesson;
const selectSetGeneration = (s: AppState) => s.setGeneration;

/**
 * Loads `lesson` and positions playback one generation before its question, so the learner
 * predicts before the step plays.
 */
export function beginLesson(lesson: Lesson): void {
  useAppStore.getState().enterLesson(lesson.id);
}

/** A select of every lesson; picking one starts it. Shows the running lesson, if any. */
export function LessonMenu() {
  const { lessonId, ownTitle } = useAppStore(
    useShallow((s) => ({ lessonId: selectLessonId(s), ownTitle: s.scenario.lesson?.title })),
  );

  const onChange = (event: ChangeEvent<HTMLSelectElement>) => {
    const id = event.target.value;
    if (id === AUTHORED_LESSON_ID) {
      useAppStore.getState().enterLesson(id);
      return;
    }
    const lesson = findLesson(id);
    if (lesson !== undefined) beginLesson(lesson);
  };

  return (
    <select aria-label="Lessons" value={lessonId ?? ''} onChange={onChange} className="lesson-menu">
      <option value="" disabled>
        Lessons…
      </option>
      {ownTitle !== undefined ? (
        <option value={AUTHORED_LESSON_ID}>This scenario’s lesson: {ownTitle}</option>
      ) : null}
      {LESSONS.map((lesson) => (
        <option key={lesson.id} value={lesson.id} title={lesson.summary}>
          {lesson.title}
        </option>
      ))}
    </select>
  );
}

/**
 * The running lesson as a plain block (a `.panel`), for App to place in the main column above
 * or beside the group lanes. Renders nothing when no lesson runs.
 */
export function LessonPanel() {
  const lesson = useAppStore(selectLesson);
  if (lesson === undefined) return null;
  // Keyed by lesson, so a half-made choice does not carry over into the next lesson.
  return <LessonBody key={lesson.id} lesson={lesson} />;
}

function LessonBody({ lesson }: { lesson: Lesson }) {
  const { generation, answer, answerLesson, setGeneration, leaveLesson, results } = useAppStore(
    useShallow((s) => ({
      generation: selectGeneration(s),
      answer: selectLessonAnswer(s),
      answerLesson: selectAnswerLesson(s),
      setGeneration: selectSetGeneration(s),
      leaveLesson: s.leaveLesson,
      results: s.results,
    })),
  );
  const authored = lesson.id === AUTHORED_LESSON_ID;
  const [choice, setChoice] = useState<number | undefined>(undefined);
  const titleId = useId();
  const radioName = useId();

  const { question } = lesson;
  const answered = answer !== undefined;
  const before = generation < question.generation;
  // A built-in lesson's answer is fixed (its tests check it against the replay); an authored
  // one's is read off the replay now, as its author's choices say.
  const correct = authored ? lesson.check(results) : question.answer;
  const right = answer === correct;
  const rightText = question.choices[correct] ?? '';

  const check = () => {
    if (choice === undefined) return;
    answerLesson(choice);
    // Play the step the question is about, so the answer arrives with its animation.
    setGeneration(question.generation);
  };

  const startOver = () => {
    setChoice(undefined);
    useAppStore.getState().startLesson(lesson.id);
    setGeneration(question.generation - 1);
  };

  return (
    <section className="panel lesson-panel" aria-labelledby={titleId}>
      <header className="lesson-header">
        <div>
          <div className="lesson-kicker muted">Lesson</div>
          <h2 id={titleId} className="lesson-title">
            {lesson.title}
          </h2>
        </div>
        <button type="button" onClick={leaveLesson}>
          {authored ? 'Exit lesson' : 'Exit lesson (back to my scenario)'}
        </button>
      </header>

      {lesson.explanation.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}

      <fieldset className="lesson-question" disabled={answered}>
        <legend>
          <span className="muted">
            {before
              ? `Predict, before generation ${question.generation} plays:`
              : `The question about generation ${question.generation}:`}
          </span>{' '}
          {question.prompt}
        </legend>
        <div className="stack">
          {question.choices.map((text, index) => (
            <label key={text} className="lesson-choice">
              <input
                type="radio"
                name={radioName}
                value={index}
                checked={(answered ? answer : choice) === index}
                onChange={() => setChoice(index)}
              />
              <span>{text}</span>
              {answered && index === correct && <span className="badge ok">the answer</span>}
              {answered && index === answer && !right && (
                <span className="badge bad">your answer</span>
              )}
            </label>
          ))}
        </div>
      </fieldset>

      {!answered && (
        <div className="row">
          <button type="button" className="primary" disabled={choice === undefined} onClick={check}>
            Check my answer
          </button>
          {choice === undefined && <span className="muted">Pick an answer first.</span>}
        </div>
      )}

      {/* Always mounted, so screen readers announce the verdict when it appears. */}
      <div role="status" className={`lesson-verdict ${answered ? (right ? 'ok' : 'bad') : ''}`}>
        {answered &&
          (correct < 0
            ? 'The replay gives none of these choices: edit the lesson.'
            : right
              ? 'Right!'
              : `Not quite — the answer is “${rightText}”.`)}
      </div>

      {!answered && (
        <p className="lesson-note muted" data-testid="lesson-hidden-note">
          Generation {question.generation} and its figures stay hidden until you answer.
        </p>
      )}

      {(answered || !before) && <p className="lesson-reveal">{question.reveal}</p>}

      {answered && (
        <div className="row">
          {before && (
            <button type="button" onClick={() => setGeneration(question.generation)}>
              Show generation {question.generation} again
            </button>
          )}
          <button type="button" onClick={startOver}>
            Start this lesson over
          </button>
        </div>
      )}
    </section>
  );
}
