/**
 * One pino log record (a JSON line, already redacted) as a short line for people reading a terminal:
 * `warning: job quarantined (job: hr, reason: TooManyDeletes, error: TooManyDeletes: Expected at most …)`.
 * No timestamps, process ids or stacks: the structured log (`--log-format json`, `--log-file`) has them.
 */
export function humanLogLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return oneLine(json);
  }
  const label = LABELS[Number(record.level)] ?? "log";
  const details = fields(record, "").join(", ");
  const message = typeof record.msg === "string" ? record.msg : "";
  return oneLine(`${label}: ${message}${details ? ` (${details})` : ""}`);
}

const LABELS: Readonly<Record<number, string>> = {
  10: "trace",
  20: "debug",
  30: "info",
  40: "warning",
  50: "error",
  60: "fatal",
};

/** Keys of every record that say nothing to a person at a terminal. */
const ENVELOPE = new Set(["level", "time", "pid", "hostname", "service", "msg"]);

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();

/** `key: value` pairs; nested objects by dotted keys, an error (anything with a message) by its message. */
function fields(record: Record<string, unknown>, prefix: string): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (prefix === "" && ENVELOPE.has(key)) continue;
    if (value === undefined) continue;
    const name = `${prefix}${key}`;
    if (Array.isArray(value)) out.push(`${name}: ${value.map(scalar).join(", ")}`);
    else if (value !== null && typeof value === "object") {
      const nested = value as Record<string, unknown>;
      if (typeof nested.message === "string") out.push(`${name}: ${errorText(nested)}`);
      else out.push(...fields(nested, `${name}.`));
    } else out.push(`${name}: ${scalar(value)}`);
  }
  return out;
}

const errorText = (error: Record<string, unknown>) =>
  typeof error.code === "string" && !String(error.message).startsWith(error.code)
    ? `${error.code}: ${error.message}`
    : String(error.message);

const scalar = (value: unknown): string =>
  value !== null && typeof value === "object" ? `(${Object.keys(value).length} fields)` : String(value);
