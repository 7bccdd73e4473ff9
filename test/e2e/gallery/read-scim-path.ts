import type { ScimJson } from "../../support/scim-servers/index.js";

const URN_PATH = /^(urn:[^[\]]+):([A-Za-z0-9]+)$/;
const FILTERED_PATH = /^([A-Za-z0-9]+)\[([A-Za-z0-9]+) eq "([^"]*)"\]\.([A-Za-z0-9]+)$/;

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;

/**
 * The value a SCIM resource holds at an Entra mapping target path (`name.givenName`,
 * `emails[type eq "work"].value`, `urn:…:User:department`). Written independently of the engine's own
 * connector, so the e2e tests do not check the connector against itself. A manager reads as its id.
 */
export function readScimPath(resource: ScimJson, path: string): unknown {
  const urn = URN_PATH.exec(path);
  if (urn) {
    const value = asObject(resource[urn[1]!])?.[urn[2]!];
    return urn[2] === "manager" ? (asObject(value)?.value ?? value) : value;
  }
  const filtered = FILTERED_PATH.exec(path);
  if (filtered) {
    const [, attribute, key, literal, sub] = filtered as unknown as [string, string, string, string, string];
    const list = Array.isArray(resource[attribute]) ? (resource[attribute] as unknown[]) : [];
    const element = list.map(asObject).find((e) => String(e?.[key]).toLowerCase() === literal.toLowerCase());
    return element?.[sub];
  }
  const [head, sub] = path.split(".");
  return sub === undefined ? resource[head!] : asObject(resource[head!])?.[sub];
}

/** The top-level body key a target path lives under (`name`, `emails`, or the extension's URN). */
export function topLevelKey(path: string): string {
  const urn = URN_PATH.exec(path);
  return urn ? urn[1]! : path.split(/[.[]/)[0]!;
}
