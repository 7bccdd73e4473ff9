import { fileURLToPath } from "node:url";

/**
 * Path of a vendored fixture in `test/fixtures/` (documented Entra facts kept as data; see its README).
 * Tests read only these copies, so a plain clone of the repository runs its tests on its own.
 */
export const fixtureFile = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
