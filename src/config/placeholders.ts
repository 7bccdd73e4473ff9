import type { AppTemplate } from "./app-template.js";
import type { KeyedProblem } from "./diagnostics.js";
import type { Config } from "./schema.js";

/** The id `entra-sync init` writes where an id must be filled in. */
const PLACEHOLDER_ID = /^0{8}-0{4}-0{4}-0{4}-0{12}$/;
/** RFC 2606 documentation domains: no real SCIM app or webhook lives there. */
const PLACEHOLDER_HOST = /(^|\.)example\.(com|net|org)$/i;

/** What each id is and where the Entra admin center shows it. */
const WHERE_TO_FIND = {
  tenantId:
    "tenantId is the Directory (tenant) ID (Entra admin center → Overview, or App registrations → your app → Overview)",
  clientId:
    "clientId is the app registration's Application (client) ID (App registrations → your app → Overview)",
  servicePrincipalId:
    "servicePrincipalId is the enterprise app's Object ID (Enterprise applications → your app → Overview), not its Application ID",
} as const;

const isPlaceholderUrl = (url: string): boolean => {
  try {
    return PLACEHOLDER_HOST.test(new URL(url).hostname);
  } catch {
    return false;
  }
};

/**
 * The values `entra-sync init` leaves to fill in, still unfilled: all-zero ids and example.com URLs. They
 * parse (so the rest of the starter file can be checked), but a cycle would fail on each of them.
 */
export function placeholderProblems(
  config: Config,
  templates: ReadonlyMap<string, AppTemplate>,
): KeyedProblem[] {
  const problems: KeyedProblem[] = [];
  const graph = config.source.graph;
  for (const key of ["tenantId", "clientId", "servicePrincipalId"] as const) {
    if (PLACEHOLDER_ID.test(graph[key])) {
      problems.push({
        keys: ["source", "graph", key],
        message: `Expected a real id, got the all-zero placeholder: ${WHERE_TO_FIND[key]}`,
      });
    }
  }
  config.jobs.forEach((job, i) => {
    if (isPlaceholderUrl(job.target.url)) {
      const documentation = templates.get(job.app)?.documentation;
      problems.push({
        keys: ["jobs", i, "target", "url"],
        message: `Expected the app's SCIM base URL (Entra's "Tenant URL"), got the placeholder ${job.target.url}: the app's own SCIM provisioning settings show it${documentation ? ` (${documentation})` : ""}`,
      });
    }
    job.notifications.webhooks.forEach((webhook, j) => {
      if (isPlaceholderUrl(webhook.url)) {
        problems.push({
          keys: ["jobs", i, "notifications", "webhooks", j, "url"],
          message: `Expected the URL quarantine notices are POSTed to, got the placeholder ${webhook.url}`,
        });
      }
    });
  });
  return problems;
}
