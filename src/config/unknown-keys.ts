import type { z } from "zod";
import { didYouMean } from "./did-you-mean.js";

/** The slice of zod 4's schema definitions this walk reads. */
interface SchemaDef {
  readonly type: string;
  readonly shape?: Readonly<Record<string, Walkable>>;
  readonly element?: Walkable;
  readonly innerType?: Walkable;
  readonly in?: Walkable;
  readonly options?: readonly Walkable[];
}
interface Walkable {
  readonly _zod: { readonly def: SchemaDef };
}

/** The schemas a value can be checked against once optional / default / pipe / union wrappers are removed. */
function unwrap(schema: Walkable): Walkable[] {
  const def = schema._zod.def;
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === "pipe" && def.in) return unwrap(def.in);
  if (def.type === "union" && def.options) return def.options.flatMap(unwrap);
  return [schema];
}

function child(schema: Walkable, key: PropertyKey): Walkable[] {
  const def = schema._zod.def;
  if (def.type === "object" && typeof key === "string" && def.shape?.[key]) return [def.shape[key]];
  if (def.type === "array" && typeof key === "number" && def.element) return [def.element];
  return [];
}

/** The keys accepted by the object schema(s) at `path` (every branch of a union). */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let nodes = unwrap(schema as unknown as Walkable);
  for (const key of path) nodes = nodes.flatMap((node) => child(node, key)).flatMap(unwrap);
  const keys = nodes.flatMap((node) => Object.keys(node._zod.def.shape ?? {}));
  return [...new Set(keys)];
}

/**
 * zod reports a strict object's unknown keys as one issue on the object; people need one problem per key,
 * on that key's line, with the key it most likely meant (or the keys there are).
 */
export function unknownKeyProblems(
  schema: z.ZodType,
  objectPath: readonly PropertyKey[],
  unknownKeys: readonly string[],
): { readonly key: string; readonly message: string }[] {
  const known = knownKeysAt(schema, objectPath);
  return unknownKeys.map((key) => {
    // Known to another branch of a union (a mapping's `remove: true` form): the combination is the problem.
    if (known.includes(key))
      return { key, message: `Expected either "${key}" or the other keys here, got both` };
    const hint = didYouMean(key, known);
    return {
      key,
      message:
        hint === ""
          ? `Expected one of the keys ${known.join(", ")}, got "${key}"`
          : `Expected a known key, got "${key}"${hint}`,
    };
  });
}
