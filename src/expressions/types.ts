/** A value an expression reads or produces. `null` means "no value" (the attribute is not sent). */
export type ExprValue = string | number | boolean | null | ExprValue[] | { [key: string]: ExprValue };

/** What an evaluation may see of the outside world; everything it needs is injected, so evaluation is pure. */
export interface EvalContext {
  /** Source attribute value by name, exactly as written inside [ ]; undefined/null = not present. Multi-valued = array. */
  attribute(name: string): ExprValue | undefined;
  /** What `Now()` returns. */
  now: Date;
  /** [0,1), like Math.random; used by Guid and RandomString. */
  random: () => number;
}

export type EvalOutcome =
  /** null = no value (the attribute is not sent). */
  | { kind: "value"; value: ExprValue }
  /**
   * IgnoreFlowIfNullOrEmpty / IgnoreAttributeFlow: leave the target attribute alone. `object` is set by
   * IgnoreObjectFlow, which Entra's inbound connectors use to skip the whole object.
   */
  | { kind: "ignored"; object?: true }
  /** SelectUniqueValue at top level: the caller checks candidates against the target in order. */
  | { kind: "selectUnique"; candidates: ExprValue[] };

export interface CompiledExpression {
  readonly text: string;
  /** Source attribute names referenced (deduplicated), e.g. ["givenName","surname"]; lets the reader $select only what is needed. */
  readonly references: readonly string[];
  /** True when the expression uses Redact: provisioning logs must show `[Redact]` instead of the value. */
  readonly redacted: boolean;
  /** Throws ExpressionEvaluationError when this object's data cannot be evaluated. */
  evaluate(ctx: EvalContext): EvalOutcome;
}
