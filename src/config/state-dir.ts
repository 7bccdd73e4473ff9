import { join, resolve } from "node:path";
import type { Config } from "./schema.js";

/**
 * The environment variable naming the folder for the state file when the config names no `state.path`.
 * A container mounts its config read-only and keeps state in a volume (the Dockerfile sets it to `/data`),
 * so the same config file works there and beside a checkout, where the default (next to the config) holds.
 */
export const STATE_DIR_ENV = "ENTRA_SYNC_STATE_DIR";

/** The file's name inside that folder. */
export const STATE_FILE_NAME = "state.db";

/**
 * `config` with `state.path` set to `$ENTRA_SYNC_STATE_DIR/state.db` (absolute; a relative folder is taken
 * from the working directory, as any environment value is) when the file named no path and the variable is
 * set and not empty. A path the file names always wins: it is the more specific choice.
 */
export function withStateDir(config: Config, fileNamesPath: boolean, env: NodeJS.ProcessEnv): Config {
  const dir = env[STATE_DIR_ENV];
  if (fileNamesPath || !dir) return config;
  return { ...config, state: { ...config.state, path: join(resolve(dir), STATE_FILE_NAME) } };
}
