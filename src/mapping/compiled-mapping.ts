import type { AttributeDefinition, MappingConfig } from "../config/mapping-schema.js";
import type { ObjectType } from "../domain/ids.js";
import {
  type CompiledExpression,
  compileExpression,
  type EvalContext,
  type EvalOutcome,
} from "../expressions/index.js";

/**
 * Reference attributes carry source object ids that must become target ids. They are exported after the
 * objects they point to exist (Entra's "reference attributes are linked by follow-up updates").
 */
export type ReferenceKind = "manager" | "members";

/** Where a mapped value comes from, compiled once when the config loads. */
export interface ValueSource {
  readonly references: readonly string[];
  evaluate(ctx: EvalContext): EvalOutcome;
}

/** A mapping ready to evaluate: the config row, its target attribute definition and a compiled source. */
export interface CompiledMapping {
  readonly target: string;
  readonly attribute: AttributeDefinition;
  readonly kind: "direct" | "constant" | "expression";
  readonly valueSource: ValueSource;
  /** 1 = tried first when matching; undefined = not a matching attribute. */
  readonly matchingPrecedence: number | undefined;
  readonly apply: "always" | "onCreate";
  readonly defaultValue: string | number | boolean | undefined;
  /** Non-null for `manager` / `members`: the value is a source id to resolve through links. */
  readonly reference: ReferenceKind | null;
  /** True when the value depends on IsSoftDeleted: these attributes make up a disable. */
  readonly followsSoftDelete: boolean;
  /** The expression calls Redact(): the app gets the value, logs and plans show `[Redact]`. */
  readonly redacted: boolean;
}

const directSource = (name: string): ValueSource => ({
  references: [name],
  evaluate: (ctx) => ({ kind: "value", value: ctx.attribute(name) ?? null }),
});

const constantSource = (value: string | number | boolean): ValueSource => ({
  references: [],
  evaluate: () => ({ kind: "value", value }),
});

const expressionSource = (compiled: CompiledExpression): ValueSource => ({
  references: compiled.references,
  evaluate: (ctx) => compiled.evaluate(ctx),
});

/** Reference kind of a mapping, judged by its source attribute (Graph's `manager` and `members`). */
function referenceKindOf(type: ObjectType, mapping: MappingConfig): ReferenceKind | null {
  if (type === "user" && mapping.source === "manager") return "manager";
  if (type === "group" && mapping.source === "members") return "members";
  return null;
}

/**
 * Compiles one mapping. Throws the expression module's syntax/compile errors for a bad expression; the
 * config loader turns them into diagnostics with the YAML path.
 */
export function compileMapping(
  type: ObjectType,
  mapping: MappingConfig,
  attribute: AttributeDefinition,
): CompiledMapping {
  const kind =
    mapping.source !== undefined ? "direct" : mapping.constant !== undefined ? "constant" : "expression";
  const expression = kind === "expression" ? compileExpression(mapping.expression as string) : null;
  const valueSource = expression
    ? expressionSource(expression)
    : kind === "direct"
      ? directSource(mapping.source as string)
      : constantSource(mapping.constant as string | number | boolean);
  return {
    target: mapping.target,
    attribute,
    kind,
    valueSource,
    matchingPrecedence: mapping.matching,
    apply: mapping.apply,
    defaultValue: mapping.default,
    reference: referenceKindOf(type, mapping),
    followsSoftDelete: valueSource.references.includes("IsSoftDeleted"),
    redacted: expression?.redacted ?? false,
  };
}
