/** The comparison operators Entra accepts inside IIF / CBool conditions (there is no AND / OR / NOT operator). */
export type ComparisonOperator = "=" | "<>" | "<" | "<=" | ">" | ">=";

/**
 * A parsed expression. Every node records the `offset` (0-based, in UTF-16 code units) where it starts in
 * the source text so compile errors can point at it; `printExpression` ignores offsets.
 */
export type ExpressionNode =
  | CallNode
  | AttributeNode
  | StringNode
  | IntegerNode
  | HexNode
  | KeywordNode
  | ComparisonNode;

/**
 * `Name(arg, …)`. An argument is `null` when its slot was left empty (`Replace([x], , "re", , "", , )`),
 * which means "not supplied" and differs from `""`. Invariant: `Name()` has no arguments, so `args` is
 * never a single `null` (that text would read back as no arguments).
 */
export interface CallNode {
  readonly kind: "call";
  readonly name: string;
  readonly args: readonly (ExpressionNode | null)[];
  readonly offset: number;
}

/** `[name]`: a source attribute, named exactly as written between the brackets. */
export interface AttributeNode {
  readonly kind: "attribute";
  readonly name: string;
  readonly offset: number;
}

/** `"…"` with its escapes already decoded. */
export interface StringNode {
  readonly kind: "string";
  readonly value: string;
  readonly offset: number;
}

/** A decimal integer kept as written (`7`, `-10`, `129699324000000000`) so no digit is lost. */
export interface IntegerNode {
  readonly kind: "integer";
  readonly text: string;
  readonly offset: number;
}

/** `&HF7`: the hex digits after `&H`, as written. */
export interface HexNode {
  readonly kind: "hex";
  readonly digits: string;
  readonly offset: number;
}

/** A bare name such as `vbTextCompare` or `IgnoreAttributeFlow`. */
export interface KeywordNode {
  readonly kind: "keyword";
  readonly name: string;
  readonly offset: number;
}

/** `left <op> right`; only terms (never another comparison) appear on either side. */
export interface ComparisonNode {
  readonly kind: "comparison";
  readonly operator: ComparisonOperator;
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
  readonly offset: number;
}
