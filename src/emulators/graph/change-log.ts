/** A lifecycle step of a user or group; any of them makes the object appear in the next delta round. */
export type Lifecycle = "created" | "updated" | "softDeleted" | "restored" | "purged";

/**
 * One write, as delta rounds replay it. Entries name *what* changed, never the new values: a round
 * reads the current state, which is what Graph returns for a changed object (non-minimal mode).
 */
export type ChangeEntry =
  | {
      readonly kind: "user";
      readonly id: string;
      readonly lifecycle: Lifecycle;
      /** Properties changed by an update (`manager` included); lifecycle steps list none. */
      readonly props: readonly string[];
      /** The manager before this change, when `props` includes `manager`. */
      readonly previousManagerId?: string | null;
    }
  | {
      readonly kind: "group";
      readonly id: string;
      readonly lifecycle: Lifecycle;
      readonly props: readonly string[];
    }
  | {
      readonly kind: "member";
      readonly groupId: string;
      readonly memberId: string;
      readonly memberType: "user" | "group";
    };

/**
 * Append-only, sequence-numbered log of writes. A delta token stores a sequence number, so a round after
 * a deltaLink reads only `entries[from..to)`: O(changes), not O(tenant).
 */
export class ChangeLog {
  private readonly entries: ChangeEntry[] = [];

  /** The sequence number the next entry will get (= number of entries so far). */
  get head(): number {
    return this.entries.length;
  }

  append(entry: ChangeEntry): void {
    this.entries.push(entry);
  }

  slice(from: number, to: number): readonly ChangeEntry[] {
    return this.entries.slice(from, to);
  }
}
