import { type CheckDefinition, fail, pass, warn } from "../check.js";
import { isSuccess, resourceBody, sendCreate } from "../entra-requests.js";
import { sampleUser, testUserName } from "../sample-values.js";

/** Check 6: the job's exact create body. */
export const createUserCheck: CheckDefinition = {
  id: 6,
  name: "create a user with the job's exact body",
  protects:
    "Entra POSTs every mapped attribute in one body (enterprise URN in schemas, roles: [], active as a boolean) and caches the answered id for every later request; without a string id the user can never be updated.",
  severity: "fail",
  perDialect: false,
  readOnly: false,
  async run({ client, profile, objects, learned }) {
    const name = objects.name("u");
    const userName = testUserName(name);
    const response = await sendCreate(client, "user", sampleUser(profile.userPaths, name, 0));
    const body = resourceBody(response);
    const id = body?.id;
    if (isSuccess(response))
      objects.track({ type: "user", name: userName, ...(typeof id === "string" && id ? { id } : {}) });
    if (!isSuccess(response)) return fail(`Expected 201, got ${response.status}`, response.exchange);
    if (typeof id !== "string" || id === "")
      return fail(
        `Expected the created resource with a string id, got id ${JSON.stringify(id)}`,
        response.exchange,
      );
    learned.createdUser = { id, name, userName, body: body ?? {} };
    if (response.status !== 201)
      return warn(`Expected 201 Created (RFC 7644 §3.3), got ${response.status}`, response.exchange);
    return pass(`201 with id ${id}`);
  },
};
