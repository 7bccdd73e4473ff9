import { describeStateFailure, isStateFailure } from "../state/state-failure.js";

/**
 * The error a cycle records when something other than Graph or the app stopped it: the state store (disk
 * full, read-only file) in SQLite's words, anything else as an internal error whose stack is in the log.
 */
export function unexpectedFailureMessage(error: unknown): string {
  if (isStateFailure(error)) return describeStateFailure(error);
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `Internal error (its stack is in the log): ${text}`;
}
