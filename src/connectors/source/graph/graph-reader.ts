import type { Client, GraphRequest } from "@microsoft/microsoft-graph-client";
import type { z } from "zod";
import { SourceReadError } from "../../../domain/errors.js";
import { classifyGraphFailure, notFoundError } from "./graph-failure.js";

export interface NamedRequest {
  /** `GET /users/delta`: for error messages. */
  readonly name: string;
  readonly request: GraphRequest;
}

/** Thrown inside a delta round when Graph rejected the link; `readChanges` turns it into `{kind:"expired"}`. */
export class DeltaExpiredSignal extends Error {
  override readonly name = "DeltaExpiredSignal";
}

/**
 * The Graph calls of the source connector, each named (`GET /users/delta`) for errors, its response
 * parsed with a zod schema: a malformed page becomes a SourceReadError, never a crash downstream.
 */
export class GraphReader {
  constructor(
    private readonly client: Client,
    private readonly redact: (text: string) => string,
  ) {}

  /**
   * An SDK request for a path or an absolute nextLink / deltaLink (sent back unchanged), named by its
   * path only: queries may hold delta tokens.
   */
  request(pathOrLink: string, configure: (request: GraphRequest) => GraphRequest = (r) => r): NamedRequest {
    const path = pathOrLink.startsWith("https://")
      ? new URL(pathOrLink).pathname.replace(/^\/v1\.0/, "")
      : (pathOrLink.split("?")[0] ?? pathOrLink);
    return { name: `GET ${path}`, request: configure(this.client.api(pathOrLink)) };
  }

  /** GETs and parses; null on 404 when `allowNotFound`. */
  async get<T extends z.ZodType>(
    named: NamedRequest,
    schema: T,
    allowNotFound: true,
  ): Promise<z.output<T> | null>;
  async get<T extends z.ZodType>(named: NamedRequest, schema: T, allowNotFound?: false): Promise<z.output<T>>;
  async get<T extends z.ZodType>(
    named: NamedRequest,
    schema: T,
    allowNotFound = false,
  ): Promise<z.output<T> | null> {
    const { name, request } = named;
    let body: unknown;
    try {
      body = await request.get();
    } catch (error) {
      const failure = classifyGraphFailure(error, name, this.redact);
      switch (failure.kind) {
        case "notFound":
          if (allowNotFound) return null;
          throw notFoundError(name);
        case "deltaExpired":
          throw new DeltaExpiredSignal(failure.reason);
        case "error":
          throw failure.error;
        default: {
          const unreachable: never = failure;
          throw unreachable;
        }
      }
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join(".")}: ${issue.message}`);
      throw new SourceReadError(
        `Expected a well-formed Graph response from ${name}, got: ${issues.join("; ")}`,
        "transient",
      );
    }
    return parsed.data;
  }

  /**
   * Follows `@odata.nextLink` from a first page until a page has none; returns that last page's
   * deltaLink (undefined for plain lists).
   */
  async pages<
    T extends z.ZodType<{ value: unknown[]; "@odata.nextLink"?: string; "@odata.deltaLink"?: string }>,
  >(
    first: NamedRequest,
    schema: T,
    onPage: (value: z.output<T>["value"]) => void,
  ): Promise<string | undefined> {
    let page = await this.get(first, schema);
    for (;;) {
      onPage(page.value);
      const next = page["@odata.nextLink"];
      if (next === undefined) return page["@odata.deltaLink"];
      page = await this.get(this.request(next), schema);
    }
  }
}
