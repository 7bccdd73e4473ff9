import { expect } from "vitest";
import type { GraphEmulator } from "../../src/emulators/graph/graph-emulator.js";
import { EmulatorClient } from "../emulators/graph/emulator-client.js";

/**
 * Changes the emulated tenant only through Microsoft Graph's write APIs, as an admin (or HR-driven
 * automation) would between two provisioning cycles. Every call asserts Graph's success status.
 */
export class GraphAdmin {
  private readonly client: EmulatorClient;

  constructor(
    private readonly graph: GraphEmulator,
    secret: string,
  ) {
    this.client = new EmulatorClient(graph, secret);
  }

  private async call(method: string, path: string, body: unknown, status: number) {
    const reply = await this.client.graph(method, `/v1.0/${path}`, body);
    expect(reply.status, `${method} ${path}: ${JSON.stringify(reply.body)}`).toBe(status);
    return reply.body;
  }

  private ref(id: string) {
    return { "@odata.id": `${this.graph.url}/v1.0/directoryObjects/${id}` };
  }

  async createUser(user: Record<string, unknown>): Promise<string> {
    const body = await this.call("POST", "users", { accountEnabled: true, ...user }, 201);
    return String(body.id);
  }
  updateUser = (id: string, changes: Record<string, unknown>) =>
    this.call("PATCH", `users/${id}`, changes, 204);
  softDeleteUser = (id: string) => this.call("DELETE", `users/${id}`, undefined, 204);
  restoreUser = (id: string) => this.call("POST", `directory/deletedItems/${id}/restore`, undefined, 200);
  purgeUser = (id: string) => this.call("DELETE", `directory/deletedItems/${id}`, undefined, 204);
  setManager = (id: string, managerId: string) =>
    this.call("PUT", `users/${id}/manager/$ref`, this.ref(managerId), 204);
  addMember = (groupId: string, memberId: string) =>
    this.call("POST", `groups/${groupId}/members/$ref`, this.ref(memberId), 204);
  removeMember = (groupId: string, memberId: string) =>
    this.call("DELETE", `groups/${groupId}/members/${memberId}/$ref`, undefined, 204);
  updateGroup = (id: string, changes: Record<string, unknown>) =>
    this.call("PATCH", `groups/${id}`, changes, 204);

  async assign(principalId: string, appRoleId: string): Promise<string> {
    const body = await this.call(
      "POST",
      `servicePrincipals/${this.graph.servicePrincipalId}/appRoleAssignedTo`,
      { principalId, resourceId: this.graph.servicePrincipalId, appRoleId },
      201,
    );
    return String(body.id);
  }

  /** Removes every assignment of a principal to the app. */
  async unassign(principalId: string): Promise<void> {
    const list = await this.client.all(
      `/v1.0/servicePrincipals/${this.graph.servicePrincipalId}/appRoleAssignedTo`,
    );
    const mine = list.items.filter((a) => a.principalId === principalId);
    expect(mine.length, `assignments of ${principalId}`).toBeGreaterThan(0);
    for (const a of mine) {
      await this.call(
        "DELETE",
        `servicePrincipals/${this.graph.servicePrincipalId}/appRoleAssignedTo/${a.id}`,
        undefined,
        204,
      );
    }
  }

  close = () => this.client.close();
}
