import type { Logger } from "pino";
import type { SourceConnector } from "../domain/source.js";
import type { TargetConnector } from "../domain/target.js";
import type { QuarantineNotice } from "../observability/notifier.js";
import type { StateStore } from "../state/state-store.js";

/** What one job's cycle runs against; built by the composition root, replaced by fakes in unit tests. */
export interface CycleDeps {
  readonly source: SourceConnector;
  readonly target: TargetConnector;
  readonly store: StateStore;
  /** The enterprise app whose assignments define scope. */
  readonly servicePrincipalId: string;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly random: () => number;
  readonly newId: () => string;
  /** Tells people about a quarantine; resolves channel failures itself (never throws). */
  readonly notify: (notice: QuarantineNotice) => Promise<void>;
}
