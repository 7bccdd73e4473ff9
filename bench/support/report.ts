/** One line of the benchmark table; `--json` prints these objects as they are. */
export interface Row {
  readonly name: string;
  readonly users: number;
  /** Users and groups imported (initial, plan, overhead), users changed (incremental) or generated. */
  readonly objects: number;
  readonly wallSeconds: number;
  readonly objectsPerSecond: number;
  /** Requests the SCIM app answered, per second of wall time; null where no app is involved. */
  readonly requestsPerSecond: number | null;
  /** The engine process's peak resident set; null where no engine ran. */
  readonly peakRssMB: number | null;
  /** Engine throughput / target capacity (initial cycles against the fast app). */
  readonly ratio?: number;
  readonly microsPerObject?: number;
  /** Where the wall time went, in seconds (read, evaluate, apply, record), and other context. */
  readonly stages?: Readonly<Record<string, number>>;
  /**
   * CPU per SCIM request, in µs: `engine` (the engine process, every thread), `engineThread` (its event
   * loop busy), `emulators` (the bench process: Graph emulator and SCIM app); for the capacity row `app`
   * and `loadGenerator`. Where a 2-core machine's CPU goes, and so what bounds the ratio.
   */
  readonly cpuMicrosPerRequest?: Readonly<Record<string, number>>;
  readonly note?: string;
}

const fixed = (value: number, digits: number) =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

const COLUMNS: readonly [string, (row: Row) => string][] = [
  ["benchmark", (r) => r.name],
  ["users", (r) => fixed(r.users, 0)],
  ["objects", (r) => fixed(r.objects, 0)],
  ["wall s", (r) => fixed(r.wallSeconds, r.wallSeconds < 1 ? 3 : 1)],
  ["objects/s", (r) => fixed(r.objectsPerSecond, 0)],
  ["req/s", (r) => (r.requestsPerSecond === null ? "–" : fixed(r.requestsPerSecond, 0))],
  ["peak RSS MB", (r) => (r.peakRssMB === null ? "–" : fixed(r.peakRssMB, 0))],
  ["ratio", (r) => (r.ratio === undefined ? "" : fixed(r.ratio, 2))],
  ["µs/object", (r) => (r.microsPerObject === undefined ? "" : fixed(r.microsPerObject, 1))],
  [
    "stages s",
    (r) =>
      Object.entries(r.stages ?? {})
        .map(([name, s]) => `${name} ${fixed(s, s < 1 ? 2 : 1)}`)
        .join(" · "),
  ],
  ["note", (r) => r.note ?? ""],
];

/** A Markdown table, so the output pastes straight into docs/benchmarks.md. */
export function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((row) => COLUMNS.map(([, cell]) => cell(row)));
  const header = COLUMNS.map(([title]) => title);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i]!.length)));
  const line = (values: readonly string[]) => `| ${values.map((v, i) => v.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
