/**
 * The custom assignor's code editor: CodeMirror 6 with JavaScript/TypeScript highlighting,
 * history, and a lint gutter that marks load errors. Browser only; the panel mounts it with
 * `createEditor(element, …)` in an effect and calls `destroy()` when it unmounts.
 *
 * Tab is left to the browser (it moves focus), so the editor never traps keyboard users;
 * indentation follows the previous line on Enter.
 */
import { javascript } from '@codemirror/lang-javascript';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorSelection, EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { undo } from '@codemirror/commands';
import { basicSetup } from 'codemirror';
import type { AssignorLanguage } from './compile';

/** A problem to mark: 1-based line, and column when known (else the whole line). */
export interface EditorProblem {
  message: string;
  line: number;
  column?: number;
}

export interface EditorOptions {
  text: string;
  language: AssignorLanguage;
  /** The accessible name of the editable area. */
  label?: string;
  /** Ctrl/Cmd-Enter. */
  onRun?: () => void;
  onChange?: (text: string) => void;
}

export interface AssignorEditor {
  getText(): string;
  /** Replaces the whole text as one change that Undo (Ctrl/Cmd-Z) takes back. */
  setText(text: string): void;
  setLanguage(language: AssignorLanguage): void;
  /** Replaces the marked problems; an empty list clears them. */
  setProblems(problems: readonly EditorProblem[]): void;
  /** Puts the cursor at a position, scrolls to it and focuses the editor. */
  reveal(line: number, column?: number): void;
  /** Takes back the last change; false when there is none. */
  undo(): boolean;
  focus(): void;
  destroy(): void;
}

const theme = EditorView.theme({
  '&': {
    border: '1px solid var(--line)',
    borderRadius: '6px',
    backgroundColor: 'var(--panel)',
    fontSize: '12.5px',
  },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-gutters': { backgroundColor: 'var(--bg)', borderRight: '1px solid var(--line)' },
});

function languageSupport(language: AssignorLanguage) {
  return javascript({ typescript: language === 'typescript' });
}

export function createEditor(parent: HTMLElement, options: EditorOptions): AssignorEditor {
  const language = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        keymap.of([
          {
            key: 'Mod-Enter',
            run: () => {
              options.onRun?.();
              return true;
            },
          },
        ]),
        basicSetup,
        language.of(languageSupport(options.language)),
        lintGutter(),
        theme,
        EditorView.contentAttributes.of({
          'aria-label': options.label ?? 'Assignor source',
          // axe's scrollable-region-focusable only counts an explicit tab stop inside the
          // scroller; the contenteditable is one already, this says so.
          tabindex: '0',
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange?.(update.state.doc.toString());
        }),
      ],
    }),
  });

  /** The document range of a problem: from its column to the line's end, or the line. */
  function rangeOf(problem: EditorProblem): { from: number; to: number } {
    const { doc } = view.state;
    const line = doc.line(Math.max(1, Math.min(problem.line, doc.lines)));
    if (problem.column === undefined) return { from: line.from, to: line.to };
    const from = Math.min(line.from + Math.max(0, problem.column - 1), line.to);
    // At least one character, so the mark is visible even at the end of a line.
    return { from, to: Math.min(Math.max(from + 1, line.to), doc.length) };
  }

  return {
    getText: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        selection: EditorSelection.cursor(0),
        scrollIntoView: true,
      });
    },
    setLanguage(next) {
      view.dispatch({ effects: language.reconfigure(languageSupport(next)) });
    },
    setProblems(problems) {
      const diagnostics: Diagnostic[] = problems.map((problem) => ({
        ...rangeOf(problem),
        severity: 'error',
        message: problem.message,
      }));
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    reveal(line, column) {
      const { from } = rangeOf({ message: '', line, ...(column === undefined ? {} : { column }) });
      view.dispatch({ selection: EditorSelection.cursor(from), scrollIntoView: true });
      view.focus();
    },
    undo: () => undo(view),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
