import type { CheckDefinition } from "../check.js";
import { authenticationCheck } from "./authentication.js";
import { burstCheck } from "./burst.js";
import { createUserCheck } from "./create-user.js";
import { deleteUserCheck } from "./delete-user.js";
import { disableEnableCheck } from "./disable-enable.js";
import { discoveryCheck } from "./discovery.js";
import { duplicateCreateCheck } from "./duplicate-create.js";
import { errorResponsesCheck } from "./error-responses.js";
import { groupsCheck } from "./groups.js";
import { managerCheck } from "./manager.js";
import { matchingCheck } from "./matching.js";
import { membersCheck } from "./members.js";
import { pagingCheck } from "./paging.js";
import { patchShapesCheck } from "./patch-shapes.js";
import { readBackCheck } from "./read-back.js";
import { testConnectionCheck } from "./test-connection.js";
import { transportCheck } from "./transport.js";
import { unsupportedFilterCheck } from "./unsupported-filter.js";
import { userNameChangeCheck } from "./username-change.js";

/** Every check, in the order they run (later ones use what earlier ones created and learned). */
export const allChecks: readonly CheckDefinition[] = [
  authenticationCheck,
  testConnectionCheck,
  transportCheck,
  discoveryCheck,
  errorResponsesCheck,
  createUserCheck,
  readBackCheck,
  matchingCheck,
  unsupportedFilterCheck,
  duplicateCreateCheck,
  patchShapesCheck,
  disableEnableCheck,
  managerCheck,
  userNameChangeCheck,
  groupsCheck,
  membersCheck,
  deleteUserCheck,
  pagingCheck,
  burstCheck,
];
