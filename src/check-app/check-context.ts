import type { ScimDialect } from "../connectors/target/scim/index.js";
import type { AppProfile } from "./app-profile.js";
import { CheckSkipped } from "./check-skipped.js";
import type { ProbeClient } from "./probe-client.js";
import type { TestObjects } from "./test-objects.js";

/** What every check is handed. Dialect checks get their dialect; the others get null. */
export interface CheckContext {
  readonly client: ProbeClient;
  /** Same endpoint, a token the app never issued (check 1). */
  readonly wrongTokenClient: ProbeClient;
  readonly baseUrl: string;
  readonly profile: AppProfile;
  readonly dialect: ScimDialect | null;
  readonly objects: TestObjects;
  /** Facts earlier checks learned that later ones use (what the app really stores, its config). */
  readonly learned: Learned;
  /** Milliseconds, for the burst's rate (injected by tests, so no assertion depends on the machine's speed). */
  readonly now: () => number;
}

export interface Learned {
  /** Check 4: the ServiceProviderConfig body. */
  serviceProviderConfig?: Record<string, unknown>;
  /** Check 6: the user created with every mapped attribute. */
  createdUser?: {
    readonly id: string;
    /** The test name its attribute values derive from. */
    readonly name: string;
    readonly userName: string;
    readonly body: Record<string, unknown>;
  };
  /** Check 7: the mapped paths the app returned as sent; later checks verify only these. */
  storedPaths?: readonly string[];
}

/** A short tag for test object names, so both dialects' objects differ: `l` legacy, `f` the flag. */
export const dialectTag = (dialect: ScimDialect | null) =>
  dialect === null ? "s" : dialect === "entra-legacy" ? "l" : "f";

/** The user check 6 created, for the checks that read it; without it they are skipped, not failed. */
export function createdUserOf(learned: Learned): NonNullable<Learned["createdUser"]> {
  if (!learned.createdUser) throw new CheckSkipped("No user was created (check 6)");
  return learned.createdUser;
}
