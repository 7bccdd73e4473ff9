import { randomUUID } from "node:crypto";
import { type CheckDefinition, fail, pass } from "../check.js";
import { isSuccess, sendQuery } from "../entra-requests.js";

/** Check 1: the Secret Token opens the endpoint and any other token does not. */
export const authenticationCheck: CheckDefinition = {
  id: 1,
  name: "bearer token accepted, wrong token refused",
  protects:
    "Entra sends the Secret Token as a bearer on every request and quarantines the job on 401/403; an app that accepts any token lets anyone provision into it.",
  severity: "fail",
  perDialect: false,
  readOnly: true,
  async run({ client, wrongTokenClient, profile }) {
    const attribute = profile.userMatching[0] ?? "userName";
    const right = await sendQuery(client, "user", attribute, randomUUID());
    if (!isSuccess(right))
      return fail(`Expected 2xx with the given token, got ${right.status}`, right.exchange);
    const wrong = await sendQuery(wrongTokenClient, "user", attribute, randomUUID());
    if (wrong.status !== 401 && wrong.status !== 403)
      return fail(`Expected 401 or 403 with a wrong token, got ${wrong.status}`, wrong.exchange);
    return pass(`given token ${right.status}, wrong token ${wrong.status}`);
  },
};
