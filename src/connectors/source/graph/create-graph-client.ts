import { rootCertificates } from "node:tls";
import { ClientSecretCredential } from "@azure/identity";
import { Client, type FetchOptions } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js";
import { Agent } from "undici";
import { ReusingCredential } from "./reusing-credential.js";

export interface GraphSourceOptions {
  readonly tenantId: string;
  readonly clientId: string;
  /** The resolved secret value (the engine config holds only a reference to it). */
  readonly clientSecret: string;
  /** OAuth authority, e.g. `https://login.microsoftonline.us`; default the public cloud. */
  readonly authorityHost?: string;
  /** Default `https://graph.microsoft.com`; must be https (the SDK sends tokens only over https). */
  readonly graphBaseUrl?: string;
  /** An extra CA to trust (the emulator's, or a private cloud's), on top of the system roots. */
  readonly caPem?: string;
  /** `$top` for list reads (members, assignments); default 999, Graph's maximum. */
  readonly pageSize?: number;
}

const PUBLIC_GRAPH = "https://graph.microsoft.com";

/** Entra authorities that answer instance discovery; any other host (the emulator) must skip it. */
const KNOWN_AUTHORITIES = new Set([
  "login.microsoftonline.com",
  "login.microsoftonline.us",
  "login.chinacloudapi.cn",
  "login.partner.microsoftonline.cn",
]);

/** National-cloud Graph hosts, whose tokens are scoped to themselves; any other host uses the public scope. */
const NATIONAL_GRAPH_HOSTS = new Set([
  "graph.microsoft.us",
  "dod-graph.microsoft.us",
  "microsoftgraph.chinacloudapi.cn",
]);

/**
 * Builds the Graph SDK client over a `ClientSecretCredential` (its token reused until due, see
 * `ReusingCredential`). Setup per docs/dependencies §3–4: a
 * non-Microsoft authority needs `disableInstanceDiscovery`, the Graph host must be listed in
 * `customHosts` or the SDK drops the Authorization header, and an extra CA is added to (not swapped for)
 * the system roots, for both the token requests and the Graph requests.
 */
export function createGraphClient(options: GraphSourceOptions): Client {
  const graphBaseUrl = new URL(options.graphBaseUrl ?? PUBLIC_GRAPH);
  if (graphBaseUrl.protocol !== "https:") {
    throw new Error(`Expected an https graphBaseUrl, got ${graphBaseUrl.origin}`);
  }
  const ca = options.caPem === undefined ? undefined : [...rootCertificates, options.caPem];
  const authority = options.authorityHost === undefined ? undefined : new URL(options.authorityHost);
  const credential = new ClientSecretCredential(options.tenantId, options.clientId, options.clientSecret, {
    ...(authority && { authorityHost: authority.origin }),
    disableInstanceDiscovery: authority !== undefined && !KNOWN_AUTHORITIES.has(authority.hostname),
    ...(ca && { tlsOptions: { ca } }),
  });
  const scope = NATIONAL_GRAPH_HOSTS.has(graphBaseUrl.hostname) ? graphBaseUrl.origin : PUBLIC_GRAPH;
  const authProvider = new TokenCredentialAuthenticationProvider(new ReusingCredential(credential), {
    scopes: [`${scope}/.default`],
  });
  const fetchOptions: FetchOptions | undefined = ca && withDispatcher(new Agent({ connect: { ca } }));
  return Client.initWithMiddleware({
    authProvider,
    baseUrl: graphBaseUrl.origin,
    defaultVersion: "v1.0",
    customHosts: new Set([graphBaseUrl.hostname]),
    ...(fetchOptions && { fetchOptions }),
  });
}

/**
 * Node's fetch accepts an undici `dispatcher`; the SDK passes fetchOptions to fetch unchanged. The npm
 * undici Agent works at run time with Node 20's bundled fetch (docs/dependencies §4), but its type differs
 * from the bundled `undici-types` Dispatcher, hence Object.assign rather than a typed literal.
 */
function withDispatcher(dispatcher: Agent): FetchOptions {
  const options: FetchOptions = {};
  return Object.assign(options, { dispatcher });
}
