import { spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"

/**
 * The `openssl` command line (3.0 on the development machines) run exactly as
 * AWS's "Encrypt the key material" instructions tell importers to, with AWS's
 * file names, each case in its own directory under one temporary directory
 * that is removed after the test file.
 */
export const opensslImport = () => {
  const root = mkdtempSync(join(tmpdir(), "trent-import-"))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  let count = 0

  const run = (cwd: string, command: string, args: ReadonlyArray<string>): void => {
    const result = spawnSync(command, args, { cwd, encoding: "utf8" })
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr}`)
  }

  /** A fresh directory holding the wrapping public key as AWS's GetParametersForImport gives it (DER SPKI). */
  const caseDirectory = (wrappingPublicKey: Uint8Array): string => {
    count += 1
    const cwd = join(root, String(count))
    mkdirSync(cwd)
    writeFileSync(join(cwd, "WrappingPublicKey.bin"), wrappingPublicKey)
    return cwd
  }

  const oaepOptions = (hash: "sha1" | "sha256") => [
    "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", `rsa_oaep_md:${hash}`, "-pkeyopt", `rsa_mgf1_md:${hash}`
  ]

  const oaepEncrypt = (cwd: string, hash: "sha1" | "sha256", input: string, output: string): void =>
    run(cwd, "openssl", [
      "pkeyutl", "-encrypt", "-in", input, "-out", output, "-inkey", "WrappingPublicKey.bin", "-keyform", "DER", "-pubin",
      ...oaepOptions(hash)
    ])

  const read = (cwd: string, name: string): Uint8Array => new Uint8Array(readFileSync(join(cwd, name)))

  return {
    /** RSAES_OAEP_SHA_1 / _256: `openssl pkeyutl -encrypt` straight over the material. */
    wrapOaep: (input: { readonly wrappingPublicKey: Uint8Array; readonly hash: "sha1" | "sha256"; readonly material: Uint8Array }) => {
      const cwd = caseDirectory(input.wrappingPublicKey)
      writeFileSync(join(cwd, "PlaintextKeyMaterial.bin"), input.material)
      oaepEncrypt(cwd, input.hash, "PlaintextKeyMaterial.bin", "EncryptedKeyMaterial.bin")
      return read(cwd, "EncryptedKeyMaterial.bin")
    },

    /**
     * RSA_AES_KEY_WRAP_SHA_1 / _256: `openssl rand` an AES-256 key, `openssl enc
     * -id-aes256-wrap-pad` the material under it, OAEP-encrypt the key, `cat` the two.
     */
    wrapRsaAes: (input: { readonly wrappingPublicKey: Uint8Array; readonly hash: "sha1" | "sha256"; readonly material: Uint8Array }) => {
      const cwd = caseDirectory(input.wrappingPublicKey)
      writeFileSync(join(cwd, "PlaintextKeyMaterial.der"), input.material)
      run(cwd, "openssl", ["rand", "-out", "aes-key.bin", "32"])
      const aesKeyHex = Buffer.from(read(cwd, "aes-key.bin")).toString("hex")
      run(cwd, "openssl", [
        "enc", "-id-aes256-wrap-pad", "-K", aesKeyHex, "-iv", "A65959A6", "-in", "PlaintextKeyMaterial.der", "-out", "material-wrapped.bin"
      ])
      oaepEncrypt(cwd, input.hash, "aes-key.bin", "aes-key-wrapped.bin")
      run(cwd, "sh", ["-c", "cat aes-key-wrapped.bin material-wrapped.bin > EncryptedKeyMaterial.bin"])
      return read(cwd, "EncryptedKeyMaterial.bin")
    },

    /** Runs `openssl` commands in a fresh directory and returns the file `output` they made. */
    make: (commands: ReadonlyArray<ReadonlyArray<string>>, output: string): Uint8Array => {
      const cwd = caseDirectory(new Uint8Array(0))
      for (const command of commands) run(cwd, "openssl", command)
      return read(cwd, output)
    },

    /** Whether `openssl pkeyutl -encrypt` (OAEP) takes `material` at all under this wrapping key. */
    oaepAccepts: (input: { readonly wrappingPublicKey: Uint8Array; readonly hash: "sha1" | "sha256"; readonly material: Uint8Array }) => {
      const cwd = caseDirectory(input.wrappingPublicKey)
      writeFileSync(join(cwd, "PlaintextKeyMaterial.bin"), input.material)
      try {
        oaepEncrypt(cwd, input.hash, "PlaintextKeyMaterial.bin", "EncryptedKeyMaterial.bin")
        return true
      } catch {
        return false
      }
    }
  }
}
