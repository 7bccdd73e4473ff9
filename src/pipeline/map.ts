import type { ObjectTypeDefinition } from "../config/job-definition.js";
import type { SourceId } from "../domain/ids.js";
import type { AttrValue, FlatAttributes } from "../domain/values.js";
import type { ExprValue } from "../expressions/index.js";
import type { AttributeReader } from "./attribute-reader.js";
import { coerceToAttribute } from "./coerce.js";

/** A SelectUniqueValue mapping: the first candidate the target does not hold yet wins (checked by match). */
export interface PendingUnique {
  readonly path: string;
  readonly candidates: readonly string[];
}

/** The map stage's output for one object: the SCIM resource it should be, attribute by attribute. */
export interface MappedObject {
  /** Non-reference attributes with a value (apply-always and on-create ones alike). */
  readonly attributes: FlatAttributes;
  /** Paths whose mapping applies only on create: never part of an update. */
  readonly onCreateOnly: ReadonlySet<string>;
  /** Paths whose flow was ignored (IgnoreFlowIfNullOrEmpty): leave the target alone. */
  readonly ignored: ReadonlySet<string>;
  /** "Default value if null" values, used on create only. */
  readonly defaults: FlatAttributes;
  readonly managerId: SourceId | null | undefined;
  readonly memberIds: readonly SourceId[] | undefined;
  readonly pendingUnique: readonly PendingUnique[];
  /** Per-attribute evaluation failures; the object is not exported while any exist. */
  readonly errors: readonly string[];
  /** An expression said IgnoreObjectFlow: the object is not processed at all this cycle. */
  readonly objectIgnored: boolean;
}

const NO_PATHS: ReadonlySet<string> = new Set();
const NO_ATTRIBUTES: FlatAttributes = Object.freeze({});
const NO_PENDING: readonly PendingUnique[] = Object.freeze([]);
const NO_ERRORS: readonly string[] = Object.freeze([]);

export interface MapContext {
  readonly now: Date;
  readonly random: () => number;
}

function asIdList(value: ExprValue | undefined): SourceId[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.filter((v): v is string => typeof v === "string") as SourceId[];
}

/** Evaluates every compiled mapping of an object type against one object's attributes. Pure. */
export function mapObject(
  definition: ObjectTypeDefinition,
  read: AttributeReader,
  ctx: MapContext,
): MappedObject {
  const attributes: Record<string, AttrValue> = {};
  // Most objects need none of these: they are allocated on first use, so 100k objects do not carry 100k
  // empty sets and arrays.
  let defaults: Record<string, AttrValue> | undefined;
  let onCreateOnly: Set<string> | undefined;
  let ignored: Set<string> | undefined;
  let pendingUnique: PendingUnique[] | undefined;
  let errors: string[] | undefined;
  let managerId: SourceId | null | undefined;
  let memberIds: SourceId[] | undefined;
  let objectIgnored = false;
  const evalContext = { attribute: read, now: ctx.now, random: ctx.random };
  for (const mapping of definition.mappings) {
    let outcome: ReturnType<typeof mapping.valueSource.evaluate>;
    try {
      outcome = mapping.valueSource.evaluate(evalContext);
    } catch (error) {
      errors = [...(errors ?? []), `${mapping.target}: ${(error as Error).message}`];
      continue;
    }
    if (outcome.kind === "ignored") {
      ignored = new Set([...(ignored ?? []), mapping.target]);
      if (outcome.object) objectIgnored = true;
      continue;
    }
    if (outcome.kind === "selectUnique") {
      const candidates = outcome.candidates.filter((c): c is string => typeof c === "string" && c !== "");
      pendingUnique = [...(pendingUnique ?? []), { path: mapping.target, candidates }];
      continue;
    }
    if (mapping.reference === "manager") {
      const [id] = asIdList(outcome.value);
      managerId = id ?? null;
      continue;
    }
    if (mapping.reference === "members") {
      memberIds = asIdList(outcome.value);
      continue;
    }
    try {
      const value = coerceToAttribute(outcome.value, mapping.attribute);
      if (value !== undefined) attributes[mapping.target] = value;
      else if (mapping.defaultValue !== undefined) {
        const fallback = coerceToAttribute(mapping.defaultValue, mapping.attribute);
        if (fallback !== undefined) defaults = { ...defaults, [mapping.target]: fallback };
      }
    } catch (error) {
      errors = [...(errors ?? []), (error as Error).message];
      continue;
    }
    if (mapping.apply === "onCreate") onCreateOnly = new Set([...(onCreateOnly ?? []), mapping.target]);
  }
  return {
    attributes,
    onCreateOnly: onCreateOnly ?? NO_PATHS,
    ignored: ignored ?? NO_PATHS,
    defaults: defaults ?? NO_ATTRIBUTES,
    managerId,
    memberIds,
    pendingUnique: pendingUnique ?? NO_PENDING,
    errors: errors ?? NO_ERRORS,
    objectIgnored,
  };
}

/**
 * SelectUniqueValue: the first candidate the app does not hold yet (Entra checks each against the target).
 * Returns the mapped object with those values filled in, or the paths for which every candidate is taken.
 */
export async function resolveUniqueValues(
  mapped: MappedObject,
  isTaken: (path: string, value: string) => Promise<boolean>,
): Promise<{ mapped: MappedObject; exhausted: string[] }> {
  if (mapped.pendingUnique.length === 0) return { mapped, exhausted: [] };
  const attributes: Record<string, AttrValue> = { ...mapped.attributes };
  const exhausted: string[] = [];
  for (const pending of mapped.pendingUnique) {
    let chosen: string | undefined;
    for (const candidate of pending.candidates) {
      if (!(await isTaken(pending.path, candidate))) {
        chosen = candidate;
        break;
      }
    }
    if (chosen === undefined) exhausted.push(pending.path);
    else attributes[pending.path] = chosen;
  }
  return { mapped: { ...mapped, attributes, pendingUnique: [] }, exhausted };
}

/** What a create sends: mapped values, then defaults for attributes that had none. */
export function createAttributes(mapped: MappedObject): FlatAttributes {
  return mapped.defaults === NO_ATTRIBUTES ? mapped.attributes : { ...mapped.defaults, ...mapped.attributes };
}

/** Mapped values that updates manage (on-create-only and ignored attributes excluded). */
export function updatableAttributes(mapped: MappedObject): FlatAttributes {
  const out: Record<string, AttrValue> = {};
  for (const [path, value] of Object.entries(mapped.attributes)) {
    if (!mapped.onCreateOnly.has(path) && !mapped.ignored.has(path)) out[path] = value;
  }
  return out;
}
