import PQueue from "p-queue";
import { ConnectorError } from "../domain/errors.js";
import type { ObjectType, SourceId, TargetId } from "../domain/ids.js";
import type { TargetConnector } from "../domain/target.js";
import type { Change, CreateChange, ManagerChange, MembersChange, WriteChange } from "../plan/change.js";
import { isWrite } from "../plan/change.js";
import { diffAttributes } from "../plan/diff.js";
import type { Plan } from "../plan/plan.js";
import type { Outcome } from "./outcome.js";

export interface ApplyOptions {
  /** Requests in flight at once. */
  readonly concurrency: number;
  readonly maxMembersPerRequest: number;
  /** Target path of the manager reference (e.g. the enterprise extension's `manager`). */
  readonly managerPath: string | undefined;
  /** Target ids of objects linked before this cycle, by type and source id. */
  readonly linkedTargets: Readonly<Record<ObjectType, ReadonlyMap<SourceId, TargetId>>>;
  /** Monotonic milliseconds, injected for tests. */
  readonly clock?: () => number;
  /** The first matching attribute and the mapped paths per type, to adopt an object after a 409 on create. */
  readonly matching?: Partial<
    Record<ObjectType, { readonly path: string; readonly paths: readonly string[] }>
  >;
  /** Aborting stops taking new work; requests in flight finish and are recorded (graceful SIGTERM). */
  readonly signal?: AbortSignal;
  /** Called after each change, for progress bars and metrics; `total` = changes handed to apply so far. */
  readonly onOutcome?: (outcome: Outcome, done: number, total: number) => void;
  /**
   * The cycle's request queue, shared with matching so reads and writes together stay within
   * `concurrency`. A queue of `concurrency` is made when absent.
   */
  readonly queue?: PQueue;
}

/** Applies batches of changes one after another, remembering target ids across batches. */
export interface Applier {
  /** Runs a batch to completion (phase by phase); later batches may reference what it created. */
  apply(changes: readonly Change[]): Promise<Outcome[]>;
}

/** Phases run one after the other; changes inside a phase run concurrently. */
function phaseOf(change: Change): number {
  switch (change.kind) {
    case "create":
    case "update":
    case "skip":
    case "fail":
      return change.subject.type === "user" ? 0 : 1;
    case "manager":
      return 2;
    case "members":
      return 3;
    case "disable":
    case "delete":
    case "stagedDelete":
      return 4;
    default: {
      const never: never = change;
      return never;
    }
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Carries out a whole plan against the app: {@link createApplier} with the plan as one batch. */
export function applyPlan(plan: Plan, target: TargetConnector, options: ApplyOptions): Promise<Outcome[]> {
  return createApplier(target, options).apply(plan.changes);
}

/**
 * Carries out changes against the app, phase by phase (users, groups, managers, memberships, removals)
 * through a bounded queue. Never re-plans. Stops taking new work after a job-level failure (credentials,
 * wrong URL): the remaining changes, in this batch and later ones, come back `notAttempted`.
 */
export function createApplier(target: TargetConnector, options: ApplyOptions): Applier {
  const clock = options.clock ?? (() => performance.now());
  // Grows as creates and matches return ids, so later phases (references) can resolve them.
  const targets: Record<ObjectType, Map<SourceId, TargetId>> = {
    user: new Map(options.linkedTargets.user),
    group: new Map(options.linkedTargets.group),
  };
  let stopped = false;
  let done = 0;
  let total = 0;
  let outcomes: Outcome[] = [];
  const report = (o: Outcome) => {
    outcomes.push(o);
    done++;
    options.onOutcome?.(o, done, total);
  };

  const resolveUser = (id: SourceId): TargetId | undefined => targets.user.get(id);
  /** Members each group holds after its member PATCHes, which may be fewer than planned. */
  const membersApplied = new Map<Change, SourceId[]>();

  async function run(change: Change): Promise<void> {
    if (
      change.kind === "skip" ||
      change.kind === "fail" ||
      change.kind === "stagedDelete" ||
      !isWrite(change)
    ) {
      // Matched links with nothing to change still teach us the target id.
      if (change.kind === "update")
        targets[change.subject.type].set(change.subject.sourceId, change.targetId);
      report({ kind: "noop", change });
      return;
    }
    if (stopped || options.signal?.aborted) {
      report({ kind: "notAttempted", change });
      return;
    }
    const started = clock();
    try {
      const targetId = await execute(change);
      report({
        kind: "success",
        change,
        targetId,
        durationMs: clock() - started,
        memberIds: membersApplied.get(change),
      });
    } catch (error) {
      const failure = error instanceof MembersFailure ? error.cause : error;
      if (!(failure instanceof ConnectorError)) throw failure;
      if (failure.scope === "job") stopped = true;
      const memberIds = error instanceof MembersFailure ? error.memberIds : undefined;
      report({ kind: "failure", change, error: failure, durationMs: clock() - started, memberIds });
    }
  }

  async function execute(change: WriteChange): Promise<TargetId | null> {
    const type = change.subject.type;
    switch (change.kind) {
      case "create": {
        const id = await createOrAdopt(change);
        targets[type].set(change.subject.sourceId, id);
        return id;
      }
      case "update":
      case "disable":
        targets[type].set(change.subject.sourceId, change.targetId);
        await target.update(type, change.targetId, change.changes);
        return change.targetId;
      case "delete":
        await target.delete(type, change.targetId);
        return change.targetId;
      case "manager":
        return setManager(change);
      case "members":
        return updateMembers(change);
      default: {
        const never: never = change;
        return never;
      }
    }
  }

  /**
   * A 409 on create means the app already holds the object though matching did not find it (a race, or a
   * filter that misses it). Re-query by the matching attribute: exactly one hit is linked and brought up to
   * date; anything else stays a conflict.
   */
  async function createOrAdopt(change: CreateChange): Promise<TargetId> {
    const type = change.subject.type;
    try {
      return await target.create(type, change.attributes);
    } catch (error) {
      const match = options.matching?.[type];
      const value = match ? change.attributes[match.path] : undefined;
      if (
        !(error instanceof ConnectorError) ||
        error.code !== "EntryConflict" ||
        !match ||
        typeof value !== "string"
      ) {
        throw error;
      }
      const hits = await target.query(type, match.path, value, match.paths);
      const [hit] = hits;
      if (hits.length !== 1 || !hit) throw error;
      const changes = diffAttributes(hit.attributes, change.attributes);
      if (changes.length > 0) await target.update(type, hit.id, changes);
      return hit.id;
    }
  }

  async function setManager(change: ManagerChange): Promise<TargetId | null> {
    const userId = resolveUser(change.subject.sourceId);
    const managerTarget = resolveUser(change.managerId);
    if (!userId || !managerTarget || !options.managerPath) {
      throw new ConnectorError(
        "UnableToResolveReferenceAttributeValue",
        `Manager of ${change.subject.displayName} is not provisioned`,
        "object",
      );
    }
    await target.update("user", userId, [
      { path: options.managerPath, oldValue: undefined, newValue: managerTarget },
    ]);
    return userId;
  }

  async function updateMembers(change: MembersChange): Promise<TargetId | null> {
    const groupId = targets.group.get(change.subject.sourceId);
    if (!groupId)
      throw new ConnectorError(
        "UnableToResolveReferenceAttributeValue",
        `Group ${change.subject.displayName} has no id in the app`,
        "object",
      );
    const adding = new Set(change.add);
    const current = new Set(change.memberIds.filter((id) => !adding.has(id)));
    for (const id of change.remove) current.add(id);
    // A member whose create failed earlier in this cycle has no id: leave it out of the PATCH and out of
    // what is recorded, so a later cycle adds it once it exists.
    const addable = change.add.filter((id) => resolveUser(id) !== undefined);
    const batches = [
      ...chunks(addable, options.maxMembersPerRequest).map((ids) => ({ add: ids, remove: [] as SourceId[] })),
      ...chunks(change.remove, options.maxMembersPerRequest).map((ids) => ({
        add: [] as SourceId[],
        remove: ids,
      })),
    ];
    for (const batch of batches) {
      const add = batch.add.map(resolveUser).filter((t): t is TargetId => t !== undefined);
      const remove = batch.remove.map(resolveUser).filter((t): t is TargetId => t !== undefined);
      try {
        if (add.length > 0 || remove.length > 0) await target.updateMembers(groupId, add, remove);
      } catch (error) {
        throw new MembersFailure(error, [...current]);
      }
      for (const id of batch.add) current.add(id);
      for (const id of batch.remove) current.delete(id);
    }
    membersApplied.set(change, [...current]);
    return groupId;
  }

  const queue = options.queue ?? new PQueue({ concurrency: options.concurrency });
  return {
    async apply(changes) {
      outcomes = [];
      total += changes.length;
      const byPhase = new Map<number, Change[]>();
      for (const change of changes) {
        const phase = phaseOf(change);
        const list = byPhase.get(phase);
        if (list) list.push(change);
        else byPhase.set(phase, [change]);
      }
      for (const phase of [...byPhase.keys()].sort((a, b) => a - b)) {
        const inPhase = byPhase.get(phase) ?? [];
        await Promise.all(inPhase.map((change) => queue.add(() => run(change))));
      }
      return outcomes;
    },
  };
}

/** A member PATCH batch failed after earlier batches went through: carries what the app now holds. */
class MembersFailure extends Error {
  constructor(
    override readonly cause: unknown,
    readonly memberIds: SourceId[],
  ) {
    super("member update failed");
  }
}
