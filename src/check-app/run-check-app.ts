import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { AppTemplate } from "../config/app-template.js";
import type { ScimDialect } from "../connectors/target/scim/index.js";
import { appProfile } from "./app-profile.js";
import type { CheckDefinition } from "./check.js";
import type { CheckContext, Learned } from "./check-context.js";
import { CheckSkipped } from "./check-skipped.js";
import { checkedDialects } from "./checked-dialects.js";
import { allChecks } from "./checks/index.js";
import { CheckAppCouldNotRun } from "./could-not-run.js";
import {
  createProbeClient,
  NoResponseError,
  type ProbeClient,
  RequestBudgetExceeded,
} from "./probe-client.js";
import { TestObjects } from "./test-objects.js";
import type { CheckFinding, CheckReport, CheckResult } from "./types.js";
import { dialectVerdict, recommendedDialect } from "./verdict.js";

export interface CheckAppOptions {
  /** The tenant URL; a dialect flag on it selects that dialect when `dialects` is not given. */
  readonly url: string;
  readonly token: string;
  readonly template: AppTemplate;
  /** The dialects to check; default: the URL's flag, else both. */
  readonly dialects?: readonly ScimDialect[];
  /** Checks 1–5 only: nothing is written. */
  readonly readOnly?: boolean;
  readonly caPem?: string;
  /** Per request. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Requests for the checks (cleanup gets its own allowance). Default 400. */
  readonly maxRequests?: number;
  /** Checks not started by then are skipped. Default 120 000 ms. */
  readonly maxDurationMs?: number;
  /** The clock of the burst check (19), in ms. Default `performance.now`. */
  readonly now?: () => number;
}

const CLEANUP_REQUESTS = 200;

/**
 * Runs the compatibility checks against a vendor's SCIM endpoint with Entra's exact requests, then deletes
 * the test objects (also after a failure midway) and returns the report with a verdict per dialect.
 */
export async function runCheckApp(options: CheckAppOptions): Promise<CheckReport> {
  const started = performance.now();
  const { baseUrl, dialects } = checkedDialects(options.url, options.dialects);
  const counter = { sent: 0, limit: options.maxRequests ?? 400 };
  const clientFor = (token: string): ProbeClient =>
    createProbeClient({
      baseUrl,
      token,
      caPem: options.caPem,
      timeoutMs: options.timeoutMs ?? 10_000,
      counter,
    });
  const client = clientFor(options.token);
  const wrongTokenClient = clientFor(randomBytes(24).toString("base64url"));
  const objects = new TestObjects(client);
  const learned: Learned = {};
  const base = {
    client,
    wrongTokenClient,
    baseUrl,
    profile: appProfile(options.template),
    objects,
    learned,
    now: options.now ?? (() => performance.now()),
  };
  const deadline = started + (options.maxDurationMs ?? 120_000);
  const results: CheckResult[] = [];
  let leftovers: string[] = [];
  let stopped: string | null = null;
  try {
    for (const check of allChecks.filter((c) => !options.readOnly || c.readOnly)) {
      for (const dialect of check.perDialect ? dialects : [null]) {
        const context: CheckContext = { ...base, dialect };
        if (stopped === null && performance.now() > deadline)
          stopped = `the run's time budget of ${options.maxDurationMs ?? 120_000} ms was spent`;
        const before = counter.sent;
        const finding: CheckFinding = stopped
          ? { status: "skip", message: `Not run: ${stopped}` }
          : await runOne(check, context, results.length === 0);
        if (results.length === 0) stopped = stopped ?? unusableEndpoint(finding);
        if (finding.message.startsWith(BUDGET)) stopped = "the request budget was spent";
        results.push(resultOf(check, dialect, finding, counter.sent - before));
      }
    }
  } finally {
    counter.limit = counter.sent + CLEANUP_REQUESTS;
    leftovers = await objects.cleanUp();
    await Promise.all([client.close(), wrongTokenClient.close()]);
  }
  const verdicts = dialects.map((d) => dialectVerdict(baseUrl, d, results, stopped));
  return {
    baseUrl,
    app: options.template.name,
    readOnly: options.readOnly ?? false,
    results,
    dialects: verdicts,
    recommended: recommendedDialect(verdicts),
    requests: counter.sent,
    stoppedBy: stopped,
    leftovers,
    durationMs: Math.round(performance.now() - started),
  };
}

const BUDGET = "Request budget: ";

/**
 * After the first check: a refused token or a certificate Entra would not trust makes every later check
 * repeat the same failure, so they are not run.
 */
function unusableEndpoint(finding: CheckFinding): string | null {
  if (finding.status !== "fail" || !finding.exchange) return null;
  const { status } = finding.exchange;
  if (status === null) return "no TLS connection could be made";
  return finding.message.startsWith("Expected 2xx") && (status === 401 || status === 403)
    ? `the given token was refused (${status})`
    : null;
}

async function runOne(check: CheckDefinition, context: CheckContext, first: boolean): Promise<CheckFinding> {
  const notApplicable = check.notApplicable?.(context) ?? null;
  if (notApplicable) return { status: "skip", message: `Not applicable: ${notApplicable}` };
  try {
    return await check.run(context);
  } catch (error) {
    if (error instanceof CheckSkipped)
      return {
        status: "skip",
        message: error.message,
        ...(error.exchange ? { exchange: error.exchange } : {}),
      };
    if (error instanceof NoResponseError) {
      // Nothing answered the very first request: the endpoint is not there, so nothing can be checked.
      if (first && !error.tls)
        throw new CheckAppCouldNotRun(`${error.exchange.method} ${context.baseUrl}: ${error.message}`);
      return { status: "fail", message: `No answer: ${error.message}`, exchange: error.exchange };
    }
    // Our own bound, not the app's fault: the run is incomplete (exit 2), not a failure.
    if (error instanceof RequestBudgetExceeded)
      return { status: "skip", message: `${BUDGET}${error.message}` };
    throw error;
  }
}

function resultOf(
  check: CheckDefinition,
  dialect: ScimDialect | null,
  finding: CheckFinding,
  requests: number,
): CheckResult {
  const status = finding.status === "fail" && check.severity === "warn" ? "warn" : finding.status;
  return {
    id: check.id,
    name: check.name,
    protects: check.protects,
    severity: check.severity,
    dialect,
    requests,
    ...finding,
    status,
  };
}
