import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";

/**
 * A reference to a secret: `env:NAME` (an environment variable) or `file:PATH` (a file whose trimmed content
 * is the secret, e.g. a mounted Kubernetes secret). Literal secrets are refused so a config file can be
 * committed, shared and printed without leaking anything.
 */
export type SecretRef =
  | { readonly kind: "env"; readonly name: string }
  | { readonly kind: "file"; readonly path: string };

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const secretRefSchema = z.string().transform((text, ctx): SecretRef => {
  if (text.startsWith("env:")) {
    const name = text.slice(4);
    if (ENV_NAME.test(name)) return { kind: "env", name };
    ctx.addIssue({
      code: "custom",
      message: `Expected an environment variable name after "env:", got "${name}"`,
    });
    return z.NEVER;
  }
  if (text.startsWith("file:") && text.length > 5) return { kind: "file", path: text.slice(5) };
  // Never echo the value: it may be the secret itself.
  ctx.addIssue({
    code: "custom",
    message:
      "Expected a secret reference (env:NAME or file:PATH), got a literal value; secrets never live in the config file",
  });
  return z.NEVER;
});

/** Thrown when a referenced secret cannot be read; the message names the reference, never a value. */
export class SecretResolutionError extends Error {
  override readonly name = "SecretResolutionError";
}

/** Resolves a reference against the environment or the file system (relative paths from `baseDir`). */
export function resolveSecret(ref: SecretRef, env: NodeJS.ProcessEnv, baseDir: string): string {
  if (ref.kind === "env") {
    const value = env[ref.name];
    if (value === undefined || value === "") {
      throw new SecretResolutionError(
        `Expected environment variable ${ref.name} to hold a secret, got nothing`,
      );
    }
    return value;
  }
  const path = resolve(baseDir, ref.path);
  let value: string;
  try {
    value = readFileSync(path, "utf8").trim();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new SecretResolutionError(`Expected a readable secret file at ${path}, got ${reason}`);
  }
  if (value === "")
    throw new SecretResolutionError(`Expected secret file ${path} to be non-empty, got an empty file`);
  return value;
}

/** How a reference is shown to people (plans, status, errors): never the value. */
export function describeSecretRef(ref: SecretRef): string {
  return ref.kind === "env" ? `env:${ref.name}` : `file:${ref.path}`;
}
