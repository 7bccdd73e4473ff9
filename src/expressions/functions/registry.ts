import { appRoleFunctions } from "./app-roles.js";
import { dateTimeFunctions } from "./date-time.js";
import { logicFunctions } from "./logic.js";
import { multiValuedFunctions } from "./multi-valued.js";
import { randomFunctions } from "./random.js";
import { replaceFunction } from "./replace.js";
import type { FunctionSpec } from "./spec.js";
import { textFunctions } from "./text.js";

/**
 * Every function by its exact (case-sensitive) name. SelectUniqueValue is not here: it is only valid as
 * the whole expression, so the compiler handles it.
 */
export const functionSpecs: Readonly<Record<string, FunctionSpec>> = {
  ...appRoleFunctions,
  ...dateTimeFunctions,
  ...logicFunctions,
  ...multiValuedFunctions,
  ...randomFunctions,
  Replace: replaceFunction,
  ...textFunctions,
};
