import type { Exchange } from "./types.js";

/**
 * Thrown when a check cannot get to what it tests, because a step before it failed (the test user could
 * not be created, say). The check is reported as skipped, naming the step, not as a failure of its own:
 * the failing step has a check of its own that reports it.
 */
export class CheckSkipped extends Error {
  override readonly name = "CheckSkipped";
  constructor(
    message: string,
    readonly exchange?: Exchange,
  ) {
    super(message);
  }
}
