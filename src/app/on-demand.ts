import PQueue from "p-queue";
import { type JobDefinition, probeAttributeOf } from "../config/job-definition.js";
import { ConnectorError } from "../domain/errors.js";
import type { SourceId } from "../domain/ids.js";
import type {
  ProvisioningLogEntry,
  ProvisioningStatus,
  ProvisioningStep,
} from "../domain/provisioning-log.js";
import type { SourceConnector, SourceGroup, SourceUser } from "../domain/source.js";
import { MemoryUsers } from "../domain/user-collection.js";
import { scopeUser } from "../pipeline/scope.js";
import { buildSourceView } from "../pipeline/source-view.js";
import type { StateStore } from "../state/state-store.js";
import type { CycleDeps } from "./cycle-deps.js";
import { type AppCopy, appCopyStep, linkAsHeld, readAppCopy } from "./on-demand-app-copy.js";
import { applyCycle, prepareCycle } from "./run-cycle.js";

/** What provisioning one user on demand did, after Entra's `provisionOnDemand` response. */
export interface OnDemandResult {
  readonly status: ProvisioningStatus;
  /** Test connection, import, scoping, matching, export: each with its outcome. */
  readonly steps: readonly ProvisioningStep[];
  /** The provisioning-log entry written (with the attributes sent); null when nothing was provisioned. */
  readonly entry: ProvisioningLogEntry | null;
}

const step = (
  name: string,
  type: ProvisioningStep["type"],
  status: ProvisioningStep["status"],
  description: string,
): ProvisioningStep => ({ name, type, status, description, details: {} });

/** Membership checks in flight at once: an app with hundreds of assigned groups must not open hundreds of reads. */
const MEMBERSHIP_CHECKS_AT_ONCE = 8;

/**
 * The user's direct groups among the groups assigned to the app: all scope needs (no nesting). Each group
 * carries the subject as its only member: the others are not kept, and groups are not provisioned on demand.
 * At 800 assigned groups (a 100k tenant) reading every group whole, all at once, took 52.7 s and 1.5 GB
 * before Graph refused connections; checked eight at a time, stopping at the user, `provision` takes 2.7 s.
 */
async function assignedGroupsOf(
  source: SourceConnector,
  user: SourceUser,
  groupIds: readonly SourceId[],
): Promise<SourceGroup[]> {
  const queue = new PQueue({ concurrency: MEMBERSHIP_CHECKS_AT_ONCE });
  const member = await Promise.all(groupIds.map((id) => queue.add(() => source.isDirectMember(id, user.id))));
  return groupIds
    .filter((_, i) => member[i] === true)
    .map((id) => ({ id, attributes: {}, memberIds: [user.id] }));
}

/**
 * What the one-user read found: the user, their assigned groups, the app's copy of them, and the matching
 * step that shows that copy (null for a user not linked yet, whom the pipeline matches itself).
 */
interface Seen {
  user: SourceUser | null;
  groups: SourceGroup[];
  copy: AppCopy;
  matched: ProvisioningStep | null;
}

/**
 * A source that holds one user: the tenant as the pipeline sees it when provisioning on demand. The user
 * and the assignments are read once, whatever the pipeline asks first.
 */
function subjectSource(
  source: SourceConnector,
  servicePrincipalId: string,
  idOrUpn: string,
  seen: Seen,
  inspectApp: (user: SourceUser) => Promise<void>,
): SourceConnector {
  const assignments = source.readAssignments(servicePrincipalId);
  return {
    // Never asked: `subjectStore` hides the watermark, so every read is a full read of a one-user tenant.
    readChanges: async () => ({ kind: "expired", reason: "provisioning on demand reads one user" }),
    readUser: (id, selection) => source.readUser(id, selection),
    isDirectMember: (groupId, userId) => source.isDirectMember(groupId, userId),
    readAssignments: () => assignments,
    readAll: async (selection) => {
      seen.user = await source.readUser(idOrUpn, selection);
      // Before anything is planned, so the plan compares with what the app holds.
      if (seen.user) await inspectApp(seen.user);
      const groupIds = (await assignments).assignments
        .filter((a) => a.principalType === "Group")
        .map((a) => a.principalId);
      seen.groups = seen.user ? await assignedGroupsOf(source, seen.user, groupIds) : [];
      // The watermark is never saved (see subjectStore): a one-user run must not move the job's position.
      return {
        users: new MemoryUsers(seen.user ? [seen.user] : []),
        groups: seen.groups,
        watermark: { usersDeltaLink: "", groupsDeltaLink: null },
      };
    },
  };
}

/**
 * The state store as a one-user run must see it: only the subject's link (otherwise every other linked user
 * would look gone from the source and be disabled), no cycle row, and neither the connector data store nor
 * the job state (watermark, last successful cycle) written. Links, escrows and the provisioning-log entry
 * are recorded as in a cycle. The subject's link reads as what the app holds (see `linkAsHeld`), and its log
 * entry gets the matching step that read it. Everything else passes through, whatever the store grows.
 */
function subjectStore(store: StateStore, seen: Seen): StateStore {
  const overrides: Partial<StateStore> = {
    link: (job, type, id) => {
      const stored = store.link(job, type, id);
      return stored && type === "user" && id === seen.user?.id ? linkAsHeld(stored, seen.copy) : stored;
    },
    // No watermark: the one-user tenant is always read whole, never as a delta (nor logged as a rejected one).
    getJobState: (job) => ({ ...store.getJobState(job), watermark: null }),
    linkTargets: (job, type) => {
      const link = type === "user" && seen.user ? store.link(job, type, seen.user.id) : undefined;
      return new Map(link ? [[link.sourceId, link.targetId]] : []);
    },
    startCycle: () => {},
    recordBatch: (job, batch) =>
      store.recordBatch(job, { ...batch, logEntries: withMatchStep(batch.logEntries, seen) }),
    commitCycle: (commit) => store.commitCycle({ ...commit, mirror: null, jobState: null }),
  };
  return new Proxy(store, {
    get: (target, property) => {
      const own = overrides[property as keyof StateStore];
      if (own) return own;
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * Entra's provision on demand for one user: test the connection, then run the same pipeline as a cycle
 * (read → scope → map → match → plan → apply → record) restricted to that user, and report every step.
 * Group memberships are left to the cycles, as in Entra, so the user's groups are never planned here.
 */
export async function provisionOnDemand(
  deps: CycleDeps,
  job: JobDefinition,
  idOrUpn: string,
): Promise<OnDemandResult> {
  try {
    await deps.target.testConnection(probeAttributeOf(job));
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    const failed = step("TestConnection", "processing", "failure", `${error.code}: ${error.message}`);
    return { status: "Failure", steps: [failed], entry: null };
  }
  const connected = step(
    "TestConnection",
    "processing",
    "success",
    `Connected to ${job.template.displayName}`,
  );
  const seen: Seen = { user: null, groups: [], copy: { kind: "unlinked" }, matched: null };
  const inspectApp = async (subject: SourceUser) => {
    seen.copy = await readAppCopy(deps.store, deps.target, job, subject);
    seen.matched = appCopyStep(seen.copy, job, upnOf(subject));
  };
  const scoped: CycleDeps = {
    ...deps,
    source: subjectSource(deps.source, deps.servicePrincipalId, idOrUpn, seen, inspectApp),
    store: subjectStore(deps.store, seen),
    logger: deps.logger.child({ onDemand: idOrUpn }),
  };
  const userOnly: JobDefinition = { ...job, groups: null };
  const prepared = await prepareCycle(scoped, userOnly);
  const user = seen.user;
  if (!user) {
    const missing = step(
      "EntryImport",
      "import",
      "failure",
      `User '${idOrUpn}' was not found in Microsoft Entra ID`,
    );
    return { status: "Failure", steps: [connected, missing], entry: null };
  }
  const summary = await applyCycle(scoped, prepared);
  const [entry] = deps.store.logs({ job: job.name, cycleId: summary.cycle.cycleId, object: user.id });
  if (entry) return { status: entry.status, steps: [connected, ...entry.steps], entry };
  // Nothing planned: the user is not assigned and was never provisioned. Show why, as Entra does.
  const { appRoles, assignments } = await scoped.source.readAssignments(deps.servicePrincipalId);
  const view = buildSourceView(new MemoryUsers([user]), seen.groups, appRoles, assignments);
  const scope = scopeUser(job, view, user);
  const upn = upnOf(user);
  const imported = step(
    "EntryImport",
    "import",
    "success",
    `Retrieved User '${upn}' from Microsoft Entra ID`,
  );
  const skipped: ProvisioningStep = {
    name: "EntrySynchronizationSkip",
    type: "processing",
    status: "skipped",
    description: `${upn} is out of scope (${scope.reason ?? "not in scope"}); it is not provisioned`,
    details: { SkipReason: "NotEffectivelyEntitled", ReportableIdentifier: upn },
  };
  const steps = [connected, imported, ...(seen.matched ? [seen.matched] : []), scope.step, skipped];
  return { status: "Skipped", steps, entry: null };
}

const upnOf = (user: SourceUser) => String(user.attributes.userPrincipalName ?? user.id);

/** The subject's log entries with the app-copy matching step after the import, Entra's order for a linked object. */
function* withMatchStep(entries: Iterable<ProvisioningLogEntry>, seen: Seen): Iterable<ProvisioningLogEntry> {
  for (const entry of entries) {
    const matched = seen.matched;
    if (!matched || entry.objectType !== "user" || entry.sourceId !== seen.user?.id) {
      yield entry;
      continue;
    }
    const afterImport = entry.steps.findIndex((s) => s.type === "import") + 1;
    yield {
      ...entry,
      steps: [...entry.steps.slice(0, afterImport), matched, ...entry.steps.slice(afterImport)],
    };
  }
}
