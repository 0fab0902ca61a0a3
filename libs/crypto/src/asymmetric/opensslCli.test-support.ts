import { spawnSync } from "node:child_process"
import { createPublicKey } from "node:crypto"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"

/**
 * The `openssl` command line (OpenSSL 3.0.19 at /usr/bin/openssl on the
 * development machines) as an independent verifier: every input is written
 * to a temporary file, removed after the test file. OpenSSL 3.0 has neither
 * ML-DSA (3.5+) nor Ed25519ph (3.2+), so those are checked otherwise.
 */
export const opensslCli = () => {
  const root = mkdtempSync(join(tmpdir(), "trent-openssl-"))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  let count = 0
  const file = (name: string, bytes: Uint8Array | string): string => {
    count += 1
    const path = join(root, `${count}-${name}`)
    writeFileSync(path, bytes)
    return path
  }
  const run = (args: ReadonlyArray<string>): { readonly ok: boolean; readonly output: string } => {
    const result = spawnSync("openssl", args, { encoding: "utf8" })
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` }
  }
  const pem = (spki: Uint8Array): string =>
    createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" }).export({ format: "pem", type: "spki" }).toString()
  const rsaOptions = (flag: string, padding: "pss" | "pkcs1" | undefined): Array<string> =>
    padding === "pss" ? [flag, "rsa_padding_mode:pss", flag, "rsa_pss_saltlen:digest"] : []

  return {
    /** `openssl pkey -pubin -inform DER`: the SPKI parses (and is printed back). */
    parsesPublicKey: (spki: Uint8Array) => run(["pkey", "-pubin", "-inform", "DER", "-in", file("pub.der", spki), "-noout", "-text"]),

    /** `openssl dgst -verify` over the whole message (OpenSSL hashes it). */
    verifiesMessage: (input: {
      readonly spki: Uint8Array
      readonly digest: "sha256" | "sha384" | "sha512"
      readonly rsaPadding?: "pss" | "pkcs1"
      readonly message: Uint8Array
      readonly signature: Uint8Array
    }) =>
      run([
        "dgst",
        `-${input.digest}`,
        "-verify",
        file("pub.pem", pem(input.spki)),
        ...rsaOptions("-sigopt", input.rsaPadding),
        "-signature",
        file("sig.bin", input.signature),
        file("msg.bin", input.message)
      ]),

    /** `openssl pkeyutl -verify` over a digest the caller computed (OpenSSL does not hash it again). */
    verifiesDigest: (input: {
      readonly spki: Uint8Array
      readonly digest: "sha256" | "sha384" | "sha512"
      readonly rsaPadding?: "pss" | "pkcs1"
      readonly digestBytes: Uint8Array
      readonly signature: Uint8Array
    }) =>
      run([
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        file("pub.pem", pem(input.spki)),
        "-pkeyopt",
        `digest:${input.digest}`,
        ...rsaOptions("-pkeyopt", input.rsaPadding),
        "-in",
        file("digest.bin", input.digestBytes),
        "-sigfile",
        file("sig.bin", input.signature)
      ]),

    /** `openssl pkeyutl -verify -rawin` for PureEdDSA (Ed25519 signs the message itself). */
    verifiesEd25519: (input: { readonly spki: Uint8Array; readonly message: Uint8Array; readonly signature: Uint8Array }) =>
      run([
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        file("pub.pem", pem(input.spki)),
        "-rawin",
        "-in",
        file("msg.bin", input.message),
        "-sigfile",
        file("sig.bin", input.signature)
      ])
  }
}
