import { type Document, isMap, isScalar, isSeq, type Node } from "yaml";

/** One problem found in a config file, located by its YAML path (and line/column when known). */
export interface Diagnostic {
  /** e.g. `jobs[0].target.token` */
  readonly path: string;
  /** The same path as keys, to locate it in the YAML document. */
  readonly keys?: readonly PropertyKey[];
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** A problem found in a parsed config, keyed by its YAML path; the loader adds the path text and position. */
export interface KeyedProblem {
  readonly keys: readonly PropertyKey[];
  readonly message: string;
}

/** Formats a path array the way people read YAML: `jobs[0].users.mappings[2].expression`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}

/** Finds the 1-based line and column of the YAML node at `path`, or of its nearest existing parent. */
export function locate(doc: Document, lineStarts: readonly number[], path: readonly PropertyKey[]) {
  let node: unknown = doc.contents;
  let found: Node | undefined = doc.contents ?? undefined;
  for (const key of path) {
    if (isMap(node)) node = node.get(key as string, true);
    else if (isSeq(node)) node = node.get(key as number, true);
    else break;
    if (node && typeof node === "object" && "range" in node) found = node as Node;
    else break;
  }
  const offset = found?.range?.[0];
  return offset === undefined ? {} : positionOf(lineStarts, offset);
}

/**
 * Finds the line and column of the key `key` itself in the map at `mapPath`: an unknown key is reported
 * where it is written, not where its map (or its value, maybe lines below) starts.
 */
export function locateKey(
  doc: Document,
  lineStarts: readonly number[],
  mapPath: readonly PropertyKey[],
  key: string,
) {
  const map = mapPath.length === 0 ? doc.contents : doc.getIn(mapPath, true);
  if (isMap(map)) {
    for (const pair of map.items) {
      const keyNode = pair.key as Node | null;
      if (isScalar(keyNode) && keyNode.value === key && keyNode.range)
        return positionOf(lineStarts, keyNode.range[0]);
    }
  }
  return locate(doc, lineStarts, mapPath);
}

/** 1-based line and column of a character offset. */
export function positionOf(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let line = 0;
  while (line + 1 < lineStarts.length && (lineStarts[line + 1] ?? Infinity) <= offset) line++;
  return { line: line + 1, column: offset - (lineStarts[line] ?? 0) + 1 };
}

/** Offsets where each line starts, for {@link locate}. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return starts;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line !== undefined ? ` (line ${d.line}, column ${d.column})` : "";
  return `${d.path}${where}: ${d.message}`;
}
