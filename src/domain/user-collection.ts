import type { SourceId } from "./ids.js";
import type { SourceUser } from "./source.js";

/** The users of one read as the pipeline reads them: one by id, or all in read order. A `ReadonlyMap` fits. */
export interface ReadonlyUsers {
  get(id: SourceId): SourceUser | undefined;
  has(id: SourceId): boolean;
  values(): Iterable<SourceUser>;
  readonly size: number;
}

/**
 * Where a read puts its users as Graph's pages arrive. In memory for small reads (delta rounds, one user);
 * the state store's spool (a SQLite temp table) for a full read, so a cycle never holds a whole tenant.
 */
export interface UserCollection extends ReadonlyUsers {
  /** Adds a user, or replaces the one with its id, keeping its place in read order. */
  set(user: SourceUser): void;
  delete(id: SourceId): void;
  /** Runs one page's writes together (one transaction for a spool). */
  page(write: () => void): void;
}

/** A {@link UserCollection} in a Map: read order is insertion order. */
export class MemoryUsers implements UserCollection {
  private readonly users = new Map<SourceId, SourceUser>();

  constructor(users: Iterable<SourceUser> = []) {
    for (const user of users) this.users.set(user.id, user);
  }

  get size(): number {
    return this.users.size;
  }

  get(id: SourceId): SourceUser | undefined {
    return this.users.get(id);
  }

  has(id: SourceId): boolean {
    return this.users.has(id);
  }

  values(): Iterable<SourceUser> {
    return this.users.values();
  }

  set(user: SourceUser): void {
    this.users.set(user.id, user);
  }

  delete(id: SourceId): void {
    this.users.delete(id);
  }

  page(write: () => void): void {
    write();
  }
}
