import { fileURLToPath } from "node:url";

/**
 * Path of a file in the shared reference facts (`../shared/spec/` beside the repository), as CI lays it
 * out: a clone of the repo with `shared/` next to it.
 */
export const specFile = (name: string): string =>
  fileURLToPath(new URL(`../../../shared/spec/${name}`, import.meta.url));
