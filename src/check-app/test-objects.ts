import { randomBytes } from "node:crypto";
import type { ObjectType } from "../domain/ids.js";
import type { FlatAttributes } from "../domain/values.js";
import { CheckSkipped } from "./check-skipped.js";
import {
  isSuccess,
  listResources,
  resourceBody,
  sendCreate,
  sendDelete,
  sendQuery,
} from "./entra-requests.js";
import { NoResponseError, type ProbeClient, type ProbeResponse } from "./probe-client.js";
import { sampleGroup, sampleUser, TEST_OBJECT_PREFIX, testUserName } from "./sample-values.js";

export interface TestObject {
  readonly type: ObjectType;
  /** The app's id; absent when the app answered a create without one. */
  readonly id?: string;
  /** The matching value to find it by when there is no id (userName / displayName). */
  readonly name: string;
}

export interface CreatedObject {
  readonly id: string;
  /** The test name its values derive from (`entra-sync-check-<run>-<label>`). */
  readonly name: string;
  readonly attributes: FlatAttributes;
  readonly response: ProbeResponse;
}

/**
 * The test objects of one run: named `entra-sync-check-<run>-<label>`, recorded the moment they are
 * created, and deleted by {@link TestObjects.cleanUp} whatever happened in between.
 */
export class TestObjects {
  readonly run = randomBytes(4).toString("hex");
  private readonly created: TestObject[] = [];

  constructor(private readonly client: ProbeClient) {}

  /** `entra-sync-check-<run>-<label>` */
  name(label: string): string {
    return `${TEST_OBJECT_PREFIX}${this.run}-${label}`;
  }

  /** Records an object the app created, so it is deleted at the end. */
  track(object: TestObject): void {
    this.created.push(object);
  }

  /** Forgets an object a check deleted itself. */
  untrack(id: string): void {
    const index = this.created.findIndex((o) => o.id === id);
    if (index >= 0) this.created.splice(index, 1);
  }

  /** Creates a test user with Entra's create body for these paths; a check that needs one is skipped without it. */
  async user(label: string, paths: readonly string[], version: 0 | 1 = 0): Promise<CreatedObject> {
    const name = this.name(label);
    return this.create(
      "user",
      name,
      testUserName(version === 0 ? name : `${name}-b`),
      sampleUser(paths, name, version),
    );
  }

  async group(label: string, paths: readonly string[]): Promise<CreatedObject> {
    const name = this.name(label);
    return this.create("group", name, name, sampleGroup(paths, name, 0));
  }

  /** Sends the create; records the object even without an id, so cleanup can find it by `matchValue`. */
  private async create(
    type: ObjectType,
    name: string,
    matchValue: string,
    attributes: FlatAttributes,
  ): Promise<CreatedObject> {
    let response: ProbeResponse;
    try {
      response = await sendCreate(this.client, type, attributes);
    } catch (error) {
      if (error instanceof NoResponseError)
        throw new CheckSkipped(`Could not create a test ${type}`, error.exchange);
      throw error;
    }
    const id = resourceBody(response)?.id;
    if (isSuccess(response))
      this.track({ type, name: matchValue, ...(typeof id === "string" && id ? { id } : {}) });
    if (!isSuccess(response) || typeof id !== "string" || id === "") {
      throw new CheckSkipped(
        `Could not create a test ${type} (POST answered ${response.status}${isSuccess(response) ? " without an id" : ""})`,
        response.exchange,
      );
    }
    return { id, name, attributes, response };
  }

  /**
   * Deletes every recorded object; one without an id is looked up by its name first. Returns what could not
   * be deleted (ids or names), for the report. Never throws: cleanup must not hide the report.
   */
  async cleanUp(): Promise<string[]> {
    const leftovers: string[] = [];
    for (const object of this.created.splice(0).reverse()) {
      try {
        // Without an id, what the lookup does not find is not there to delete.
        const ids = object.id ? [object.id] : await this.findIds(object);
        for (const id of ids) {
          const response = await sendDelete(this.client, object.type, id);
          if (!isSuccess(response) && response.status !== 404)
            leftovers.push(`${object.type} ${id} (${object.name})`);
        }
      } catch {
        leftovers.push(object.id ? `${object.type} ${object.id} (${object.name})` : object.name);
      }
    }
    return leftovers;
  }

  private async findIds(object: TestObject): Promise<string[]> {
    const attribute = object.type === "user" ? "userName" : "displayName";
    const response = await sendQuery(this.client, object.type, attribute, object.name);
    return (listResources(response) ?? [])
      .map((resource) => resource.id)
      .filter((id): id is string => typeof id === "string" && id !== "");
  }
}
