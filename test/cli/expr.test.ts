import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exprCommand, runExpr } from "../../src/cli/commands/expr.js";

const env = { now: new Date("2025-07-30T12:00:00Z"), random: () => 0.5 };
const repo = fileURLToPath(new URL("../../", import.meta.url));

/** Runs `entra-sync expr …` for real: a Node process with tsx that registers exprCommand and parses argv. */
function spawnExpr(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const entry = [
    'const { exprCommand } = await import("./src/cli/commands/expr.ts");',
    'await exprCommand.parseAsync(process.argv.slice(1), { from: "user" });',
  ].join("\n");
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", entry, ...args],
      { cwd: repo },
      (error, stdout, stderr) => resolve({ stdout, stderr, code: error ? Number(error.code ?? 1) : 0 }),
    );
  });
}

describe("runExpr", () => {
  it("prints the value of an expression over the source attributes", () => {
    expect(
      runExpr(
        { expression: 'Join(" ", [givenName], [surname])', source: '{"givenName":"Ann","surname":"Lee"}' },
        env,
      ),
    ).toEqual({
      stdout: '{"value":"Ann Lee"}\n',
      stderr: "",
      exitCode: 0,
    });
  });

  it("evaluates multi-valued sources, booleans and the injected or given clock", () => {
    expect(runExpr({ expression: "Count([p])", source: '{"p":["a","b"]}' }, env).stdout).toBe(
      '{"value":2}\n',
    );
    expect(
      runExpr(
        {
          expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")',
          source: '{"IsSoftDeleted":true}',
        },
        env,
      ).stdout,
    ).toBe('{"value":"False"}\n');
    expect(runExpr({ expression: "Now()" }, env).stdout).toBe('{"value":"7/30/2025 12:00:00 PM"}\n');
    expect(runExpr({ expression: "Now()", now: "2021-07-02T15:33:38Z" }, env).stdout).toBe(
      '{"value":"7/2/2021 3:33:38 PM"}\n',
    );
    expect(runExpr({ expression: "[missing]" }, env).stdout).toBe('{"value":null}\n');
  });

  it("prints ignored outcomes", () => {
    expect(runExpr({ expression: "IgnoreFlowIfNullOrEmpty([x])", source: '{"x":""}' }, env).stdout).toBe(
      '{"ignored":true}\n',
    );
    expect(runExpr({ expression: "IgnoreObjectFlow" }, env).stdout).toBe('{"ignored":true,"object":true}\n');
  });

  it("picks the first SelectUniqueValue candidate not taken, comparing case-insensitively", () => {
    const expression =
      'SelectUniqueValue(Join(".", [f], [l]), Join(".", Left([f], 1), [l]), Join("", [f], [l]))';
    const source = '{"f":"John","l":"Smith"}';
    expect(runExpr({ expression, source }, env).stdout).toBe('{"value":"John.Smith"}\n');
    expect(runExpr({ expression, source, taken: '["JOHN.SMITH"]' }, env).stdout).toBe(
      '{"value":"J.Smith"}\n',
    );
  });

  it("escrows when every candidate is taken", () => {
    const result = runExpr({ expression: 'SelectUniqueValue("a", "b")', taken: '["a","B"]' }, env);
    expect(JSON.parse(result.stdout)).toEqual({
      escrow: true,
      reason: 'Every SelectUniqueValue candidate is already taken: "a", "b"',
    });
    expect(result.exitCode).toBe(0);
  });

  it("reports parse, compile, evaluation and input errors on stderr with exit code 1", () => {
    const failures: [Parameters<typeof runExpr>[0], string][] = [
      [{ expression: "Left([a]" }, "Expected ')' or ',' at line 1, column 9, got end of input\n"],
      [{ expression: "Foo()" }, "Unknown function Foo at line 1, column 1\n"],
      [
        { expression: 'CDate("soon")' },
        'Expected the CDate argument to be a date (ISO 8601 or M/d/yyyy h:mm:ss tt), got "soon"\n',
      ],
      [{ expression: "[a]", source: "{" }, 'Expected --source to be JSON, got "{"\n'],
      [
        { expression: "[a]", source: "[1]" },
        "Expected --source to be a JSON object of attribute values, got [1]\n",
      ],
      [{ expression: "[a]", taken: "[1]" }, "Expected --taken to be a JSON array of strings, got [1]\n"],
      [
        { expression: "Now()", now: "yesterday" },
        'Expected --now to be an ISO 8601 instant, got "yesterday"\n',
      ],
    ];
    for (const [args, stderr] of failures)
      expect(runExpr(args, env)).toEqual({ stdout: "", stderr, exitCode: 1 });
  });
});

describe("entra-sync expr", () => {
  it("is a commander command named expr", () => {
    expect(exprCommand.name()).toBe("expr");
    expect(exprCommand.options.map((o) => o.long)).toEqual(["--source", "--now", "--taken"]);
  });

  it("prints one JSON object and exits 0 when run as a process", async () => {
    const result = await spawnExpr([
      'IIF(DateDiff("d", Now(), CDate([hire])) > 5, "later", "soon")',
      "--source",
      '{"hire":"2025-09-01"}',
      "--now",
      "2025-07-30T00:00:00Z",
    ]);
    expect(result).toEqual({ stdout: '{"value":"later"}\n', stderr: "", code: 0 });
  });

  it("prints the error on stderr and exits 1 when run as a process", async () => {
    const result = await spawnExpr(["Left([a]"]);
    expect(result).toEqual({
      stdout: "",
      stderr: "Expected ')' or ',' at line 1, column 9, got end of input\n",
      code: 1,
    });
  });
});
