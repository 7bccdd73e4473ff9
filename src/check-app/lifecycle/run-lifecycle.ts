import { performance } from "node:perf_hooks";
import type { AppTemplate } from "../../config/app-template.js";
import type { ScimDialect } from "../../connectors/target/scim/index.js";
import { fail } from "../check.js";
import { dialectTag } from "../check-context.js";
import { checkedDialects } from "../checked-dialects.js";
import { createProbeClient } from "../probe-client.js";
import { TestObjects } from "../test-objects.js";
import type { CheckFinding, CheckReport, CheckResult } from "../types.js";
import { dialectVerdict, recommendedDialect, tenantUrlFor } from "../verdict.js";
import { startEngineHarness } from "./engine-harness.js";
import { lifecyclePlan, lifecycleSteps } from "./lifecycle-steps.js";
import { lifecycleTenant } from "./lifecycle-tenant.js";

export interface LifecycleOptions {
  readonly url: string;
  readonly token: string;
  readonly template: AppTemplate;
  /** Default: the URL's flag, else both. */
  readonly dialects?: readonly ScimDialect[];
  readonly caPem?: string;
}

/**
 * The `lifecycle` mode: per dialect, a fresh emulated tenant and the real engine (matching, create, update,
 * disable, re-enable, membership, delete: six incremental cycles) against the endpoint, each step verified by
 * reading the app. A failed step stops that dialect's lifecycle (later steps need its result). Whatever is
 * left of the test user and group is deleted afterwards.
 */
export async function runLifecycle(options: LifecycleOptions): Promise<CheckReport> {
  const started = performance.now();
  const { baseUrl, dialects } = checkedDialects(options.url, options.dialects);
  const counter = { sent: 0, limit: 200 };
  const client = createProbeClient({
    baseUrl,
    token: options.token,
    caPem: options.caPem,
    timeoutMs: 10_000,
    counter,
  });
  const objects = new TestObjects(client);
  const results: CheckResult[] = [];
  const plan = lifecyclePlan(options.template);
  let leftovers: string[] = [];
  try {
    for (const dialect of dialects) {
      const { tenant, objects: tenantObjects } = lifecycleTenant(objects.name(`lc-${dialectTag(dialect)}`));
      objects.track({ type: "user", name: tenantObjects.userName });
      objects.track({ type: "group", name: tenantObjects.groupName });
      const engine = await startEngineHarness({
        tenant,
        url: tenantUrlFor(baseUrl, dialect),
        token: options.token,
        app: options.template.name,
        ...(options.caPem ? { caPem: options.caPem } : {}),
      });
      try {
        let failed = false;
        for (const step of lifecycleSteps) {
          const before = counter.sent;
          let finding: CheckFinding;
          const notApplicable = step.notApplicable?.(plan) ?? null;
          if (notApplicable) finding = { status: "skip", message: `Not applicable: ${notApplicable}` };
          else if (failed) finding = { status: "skip", message: "Not run: an earlier step failed" };
          else {
            step.change(engine.tenant, tenantObjects, plan);
            const summary = await engine.sync();
            const failure = summary.tally.failures[0];
            finding =
              summary.cycle.state !== "Succeeded"
                ? fail(
                    `Expected the cycle to succeed, got ${summary.cycle.state}: ${summary.cycle.error ?? ""}`,
                  )
                : failure
                  ? fail(
                      `Expected no failed change, got ${failure.code} for ${failure.type} ${failure.displayName}: ${failure.message}`,
                    )
                  : await step.verify(client, tenantObjects, plan);
          }
          failed ||= finding.status === "fail";
          results.push({
            id: step.id,
            name: step.name,
            protects: step.protects,
            severity: "fail",
            dialect,
            requests: counter.sent - before,
            ...finding,
          });
        }
      } finally {
        await engine.close();
      }
    }
  } finally {
    counter.limit = counter.sent + 100;
    leftovers = await objects.cleanUp();
    await client.close();
  }
  const verdicts = dialects.map((d) => dialectVerdict(baseUrl, d, results, null));
  return {
    baseUrl,
    app: options.template.name,
    readOnly: false,
    results,
    dialects: verdicts,
    recommended: recommendedDialect(verdicts),
    requests: counter.sent,
    stoppedBy: null,
    leftovers,
    durationMs: Math.round(performance.now() - started),
  };
}
