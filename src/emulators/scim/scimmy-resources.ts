import SCIMMY from "scimmy";
import { type EqFilter, matchesEqFilter } from "./eq-filter.js";
import { type DemoResourceType, type MemoryStore, StoreError, UNIQUE_ATTRIBUTE } from "./memory-store.js";

/** What each request hands to the scimmy handlers: its app's store and the `eq` filter we parsed ourselves. */
export interface DemoScimContext {
  readonly store: MemoryStore;
  readonly eqFilter: EqFilter | null;
}

let declared = false;

/**
 * scimmy keeps resource declarations and handlers in process-wide statics, so they are declared once and
 * dispatch to the per-request store passed as scimmy's handler context. That lets several demo apps (one per
 * test file, or per e2e scenario) live in one process without sharing data.
 */
export function declareDemoResources(): void {
  if (declared) return;
  declared = true;
  // Without the extension scimmy answers 400 "Invalid path" to every enterprise attribute.
  SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false);
  // scimmy 1.3.5 declares `roles.type` with an EMPTY canonical list, so every typed role (Entra sends
  // "WindowsAzureActiveDirectoryRole") is refused; RFC 7643 names no canonical role types.
  SCIMMY.Schemas.User.definition.attribute("roles.type").config.canonicalValues = false;
  const user = handlers("User");
  SCIMMY.Resources.User.egress(user.egress).ingress(user.ingress).degress(user.degress);
  const group = handlers("Group");
  SCIMMY.Resources.Group.egress(group.egress).ingress(group.ingress).degress(group.degress);
  SCIMMY.Resources.declare(SCIMMY.Resources.User);
  SCIMMY.Resources.declare(SCIMMY.Resources.Group);
}

/** Handlers typed loosely on purpose: scimmy validates what they return against the schema at runtime. */
function handlers(type: DemoResourceType) {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: scimmy's handler generics cannot describe our plain stored JSON.
    egress: (resource: SCIMMY.Types.Resource, ctx: DemoScimContext): any =>
      scimErrors(() => {
        if (resource.id) return ctx.store.get(type, resource.id);
        const eq = ctx.eqFilter;
        if (eq && eq.attribute.toLowerCase() === UNIQUE_ATTRIBUTE[type].toLowerCase()) {
          // Entra's match query: answered from the store's index instead of a scan.
          const found = ctx.store.findUnique(type, eq.value);
          return found && matchesEqFilter(found, eq) ? [found] : [];
        }
        const all = ctx.store.list(type);
        if (eq) return all.filter((r) => matchesEqFilter(r, eq));
        return resource.filter ? resource.filter.match(all) : all;
      }),
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    ingress: (resource: SCIMMY.Types.Resource, instance: unknown, ctx: DemoScimContext): any =>
      scimErrors(() => ctx.store.save(type, resource.id, JSON.parse(JSON.stringify(instance)))),
    degress: (resource: SCIMMY.Types.Resource, ctx: DemoScimContext): void =>
      scimErrors(() => ctx.store.remove(type, resource.id!)),
  };
}

function scimErrors<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof StoreError)
      throw new SCIMMY.Types.Error(error.status, error.scimType ?? "", error.message);
    throw error;
  }
}
