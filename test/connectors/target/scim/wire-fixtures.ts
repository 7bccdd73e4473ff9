import { readFileSync } from "node:fs";
import { fixtureFile } from "../../../support/fixture-file.js";

/** One documented Entra request from test/fixtures/scim-wire-fixtures.json. */
export interface WireFixture {
  readonly name: string;
  readonly method: string;
  readonly pathAndQuery: string;
  // biome-ignore lint/suspicious/noExplicitAny: fixture bodies are arbitrary JSON compared structurally.
  readonly body: any;
}

const FIXTURES_PATH = fixtureFile("scim-wire-fixtures.json");
const fixtures = JSON.parse(readFileSync(FIXTURES_PATH, "utf8")) as WireFixture[];

export function fixture(name: string): WireFixture {
  const found = fixtures.find((f) => f.name === name);
  if (!found) throw new Error(`Expected fixture ${name} in ${FIXTURES_PATH}, got none`);
  return found;
}
