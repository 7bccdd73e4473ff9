import { randomUUID } from "node:crypto";

/** A Graph error reply: thrown by handlers, rendered by the server as Graph's error body. */
export class GraphHttpError extends Error {
  override readonly name = "GraphHttpError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** Graph's date form in `innerError`: ISO-8601 UTC without fraction or offset (`2021-05-18T19:03:10`). */
export const graphDate = (now: Date): string => now.toISOString().slice(0, 19);

/** `{ error: { code, message, innerError: { date, request-id, client-request-id } } }` */
export function graphErrorBody(code: string, message: string, now: Date, clientRequestId?: string) {
  return {
    error: {
      code,
      message,
      innerError: {
        date: graphDate(now),
        "request-id": randomUUID(),
        "client-request-id": clientRequestId ?? randomUUID(),
      },
    },
  };
}

export const notFound = (what: string): GraphHttpError =>
  new GraphHttpError(
    404,
    "Request_ResourceNotFound",
    `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
  );

export const badRequest = (message: string): GraphHttpError =>
  new GraphHttpError(400, "Request_BadRequest", message);
