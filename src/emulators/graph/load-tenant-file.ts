import { readFile } from "node:fs/promises";
import { parseTenant, type TenantData } from "./tenant-schema.js";

/** Reads and validates a tenant JSON file; errors name the file and every invalid path. */
export async function loadTenantFile(path: string): Promise<TenantData> {
  const text = await readFile(path, "utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `Expected JSON in tenant file ${path}, got: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return parseTenant(value, `tenant file ${path}`);
}
