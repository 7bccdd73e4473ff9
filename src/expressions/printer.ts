import type { ExpressionNode } from "./ast.js";

/**
 * Canonical text for an AST: `Name(a, b)` with ", " between arguments, an empty slot printed as nothing
 * (`Replace([x], , "re", , "", , )`), strings re-escaped, spaces around comparison operators.
 * `parseExpression(printExpression(ast))` gives back `ast` (apart from offsets).
 */
export function printExpression(node: ExpressionNode): string {
  switch (node.kind) {
    case "call":
      return `${node.name}(${node.args.map((arg) => (arg === null ? "" : printExpression(arg))).join(", ")})`;
    case "attribute":
      return `[${node.name}]`;
    case "string":
      return `"${node.value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    case "integer":
      return node.text;
    case "hex":
      return `&H${node.digits}`;
    case "keyword":
      return node.name;
    case "comparison":
      return `${printExpression(node.left)} ${node.operator} ${printExpression(node.right)}`;
    default: {
      const unreachable: never = node;
      return unreachable;
    }
  }
}
