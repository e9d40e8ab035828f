/**
 * The protocol of the parse worker, which reads imported files and share links off the main
 * thread (a 10 MB file takes most of a second to check). Types only. Replies name the `id`
 * of their request; both directions are discriminated unions on `type`.
 */
import type { LoadedScenario } from '../scenario/file';

export type ParseRequest =
  | { type: 'parse-file'; id: number; text: string }
  | { type: 'parse-link'; id: number; fragment: string };

export type ParseResponse =
  /** `loaded` is `undefined` when a link fragment holds no scenario. */
  | { type: 'parsed'; id: number; loaded: LoadedScenario | undefined }
  /** `invalid`: the input is broken (the message says how); `internal`: a bug. */
  | { type: 'parse-failed'; id: number; reason: 'invalid' | 'internal'; message: string };
