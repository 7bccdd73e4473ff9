import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConnectorError } from "../../src/domain/errors.js";
import { humanLogLine } from "../../src/observability/human-log-line.js";
import { logTo, quieter } from "../../src/observability/logger.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("logger");

describe("human log lines", () => {
  it("turn a pino record into one short line: level, message, then the fields, no envelope, no JSON", () => {
    const record = {
      level: 40,
      time: 1796234632882,
      pid: 123,
      hostname: "h",
      service: "entra-sync",
      job: "hr",
      reason: "TooManyDeletes",
      error: {
        code: "TooManyDeletes",
        message: "Expected at most 1 disables and deletes in one cycle, got 3",
      },
      msg: "job quarantined",
    };
    expect(humanLogLine(JSON.stringify(record))).toBe(
      "warning: job quarantined (job: hr, reason: TooManyDeletes, error: TooManyDeletes: Expected at most 1 disables and deletes in one cycle, got 3)",
    );
  });

  it("show an error by its message without its stack, nested fields by dotted keys, on one line", () => {
    const record = {
      level: 50,
      err: {
        type: "Error",
        message: "disk full\nwhile writing",
        stack: "Error: disk full\n    at x (y.ts:1:1)",
      },
      counters: { created: 2, byAction: { Create: 2 } },
      ids: ["a", "b"],
      msg: "cycle failed",
    };
    expect(humanLogLine(JSON.stringify(record))).toBe(
      "error: cycle failed (err: disk full while writing, counters.created: 2, counters.byAction.Create: 2, ids: a, b)",
    );
  });
});

describe("the logger factory", () => {
  it("redacts secrets in human and JSON lines alike, each sink at its own level", () => {
    const dir = tempDir();
    const human = join(dir, "human.log");
    const json = join(dir, "logs", "json.log");
    const logger = logTo([
      { format: "human", level: "warn", file: human },
      { format: "json", level: "info", file: json },
    ]);
    logger.info({ token: "s3cret-token" }, "connected");
    logger.warn(
      { headers: { authorization: "Bearer s3cret-bearer" }, app: { clientSecret: "s3cret-client" } },
      "request rejected",
    );
    logger.error({ err: new ConnectorError("Unauthorized", "token rejected", "job") }, "cycle failed");

    const humanText = readFileSync(human, "utf8");
    const jsonText = readFileSync(json, "utf8");
    expect(humanText.split("\n")).toEqual([
      "warning: request rejected (headers.authorization: [redacted], app.clientSecret: [redacted])",
      "error: cycle failed (err: Unauthorized: token rejected)",
      "",
    ]);
    const records = jsonText
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(records.map((r) => r.msg)).toEqual(["connected", "request rejected", "cycle failed"]);
    expect(records[0].token).toBe("[redacted]");
    for (const text of [humanText, jsonText]) expect(text).not.toMatch(/s3cret/);
  });

  it("picks the quieter of two levels, silent quieter than all", () => {
    expect(quieter("info", "warn")).toBe("warn");
    expect(quieter("error", "warn")).toBe("error");
    expect(quieter("silent", "warn")).toBe("silent");
    expect(quieter("warn", "silent")).toBe("silent");
  });
});
