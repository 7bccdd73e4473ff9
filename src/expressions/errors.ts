/** 1-based line and column of a 0-based offset, counting `\n` as the line break. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The text could not be parsed. `expected` names what the parser was looking for. */
export class ExpressionSyntaxError extends Error {
  override readonly name = "ExpressionSyntaxError";
  readonly line: number;
  readonly column: number;
  constructor(
    text: string,
    readonly offset: number,
    readonly expected: string,
    got: string,
  ) {
    const { line, column } = positionOf(text, offset);
    super(`Expected ${expected} at line ${line}, column ${column}, got ${got}`);
    this.line = line;
    this.column = column;
  }
}

/** The text parsed but cannot run: unknown function or keyword, wrong arity, invalid constant argument. */
export class ExpressionCompileError extends Error {
  override readonly name = "ExpressionCompileError";
  readonly line: number;
  readonly column: number;
  constructor(
    text: string,
    readonly offset: number,
    detail: string,
  ) {
    const { line, column } = positionOf(text, offset);
    super(`${detail} at line ${line}, column ${column}`);
    this.line = line;
    this.column = column;
  }
}

/** Evaluation failed for one object (a date that does not parse, an index out of range…). */
export class ExpressionEvaluationError extends Error {
  override readonly name = "ExpressionEvaluationError";
}
