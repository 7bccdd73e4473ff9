import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "selfsigned";

export interface EmulatorCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  /** Where the certificate was written, for clients to trust (`caPem` / NODE_EXTRA_CA_CERTS). */
  readonly caFile: string;
}

/**
 * A fresh self-signed certificate for 127.0.0.1 and localhost. @azure/identity refuses an http authority
 * and the Graph SDK only sends tokens over https, so the emulator must speak TLS; clients trust this
 * one certificate explicitly instead of turning verification off. The private key stays in memory.
 */
export async function createCertificate(certDir?: string): Promise<EmulatorCertificate> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: "commonName", value: "entra-sync Graph emulator" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 365 * 24 * 3600 * 1000),
    extensions: [
      { name: "basicConstraints", cA: true },
      { name: "keyUsage", digitalSignature: true, keyCertSign: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 7, ip: "127.0.0.1" },
          { type: 2, value: "localhost" },
        ],
      },
    ],
  });
  const dir = certDir ?? (await mkdtemp(join(tmpdir(), "entra-sync-graph-")));
  await mkdir(dir, { recursive: true });
  const caFile = join(dir, "graph-emulator-ca.pem");
  await writeFile(caFile, pems.cert, "utf8");
  return { certPem: pems.cert, keyPem: pems.private, caFile };
}
