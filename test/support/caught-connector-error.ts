import { ConnectorError } from "../../src/domain/errors.js";

/** The ConnectorError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function caughtConnectorError(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ConnectorError)) throw new Error(`Expected a ConnectorError, got ${String(error)}`);
  return error;
}
