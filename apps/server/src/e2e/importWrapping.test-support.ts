import { spawnSync } from "node:child_process"
import { constants, createCipheriv, createPublicKey, publicEncrypt, randomBytes } from "node:crypto"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { AlgorithmSpec } from "@aws-sdk/client-kms"

/**
 * Wrapping key material for ImportKeyMaterial the two ways an importer does
 * it, written independently of Trent: node:crypto, and the `openssl` commands
 * of AWS's "Encrypt the key material" instructions with AWS's file names
 * (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html). RSAES_OAEP_* encrypt the material directly;
 * RSA_AES_KEY_WRAP_* OAEP-encrypt a fresh AES-256 key and append the material
 * wrapped under it with AES-KWP (RFC 5649).
 */
export type ImportWrapping = Extract<AlgorithmSpec, "RSAES_OAEP_SHA_1" | "RSAES_OAEP_SHA_256" | "RSA_AES_KEY_WRAP_SHA_1" | "RSA_AES_KEY_WRAP_SHA_256">

const hashOf = (algorithm: ImportWrapping) => (algorithm.endsWith("SHA_1") ? "sha1" : "sha256")
const isAesKeyWrap = (algorithm: ImportWrapping) => algorithm.startsWith("RSA_AES_KEY_WRAP")

export const wrapWithNode = (algorithm: ImportWrapping, wrappingPublicKey: Uint8Array, material: Uint8Array): Uint8Array => {
  const key = createPublicKey({ key: Buffer.from(wrappingPublicKey), format: "der", type: "spki" })
  const oaep = (bytes: Uint8Array) => publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hashOf(algorithm) }, bytes)
  if (!isAesKeyWrap(algorithm)) return new Uint8Array(oaep(material))
  const aesKey = randomBytes(32)
  const kwp = createCipheriv("id-aes256-wrap-pad", aesKey, Buffer.from("A65959A6", "hex"))
  return new Uint8Array(Buffer.concat([oaep(aesKey), kwp.update(material), kwp.final()]))
}

/** A temporary directory where commands run as a user types them; `remove` deletes it. */
export const opensslWorkspace = () => {
  const root = mkdtempSync(join(tmpdir(), "trent-import-e2e-"))
  let cases = 0

  const run = (cwd: string, command: string, args: ReadonlyArray<string>): string => {
    const result = spawnSync(command, args, { cwd, encoding: "utf8" })
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status}): ${result.stderr}`)
    return result.stdout
  }
  const freshCase = (files: Readonly<Record<string, Uint8Array>> = {}) => {
    const cwd = join(root, String(++cases))
    mkdirSync(cwd)
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(cwd, name), bytes)
    return {
      cwd,
      openssl: (...args: ReadonlyArray<string>) => run(cwd, "openssl", args),
      shell: (script: string) => run(cwd, "sh", ["-c", script]),
      read: (name: string) => new Uint8Array(readFileSync(join(cwd, name))),
      write: (name: string, bytes: Uint8Array) => writeFileSync(join(cwd, name), bytes)
    }
  }
  type Case = ReturnType<typeof freshCase>

  const oaepEncrypt = (c: Case, hash: string, input: string, output: string) =>
    c.openssl(
      "pkeyutl", "-encrypt", "-in", input, "-out", output, "-inkey", "WrappingPublicKey.bin", "-keyform", "DER", "-pubin",
      "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", `rsa_oaep_md:${hash}`, "-pkeyopt", `rsa_mgf1_md:${hash}`
    )
  /** `xxd -p < aes-key.bin | tr -d '\n'` as AWS writes it, or the same hex from node where xxd is missing. */
  const hexOfAesKey = (c: Case) =>
    spawnSync("sh", ["-c", "command -v xxd"]).status === 0
      ? c.shell("xxd -p < aes-key.bin | tr -d '\\n'")
      : Buffer.from(c.read("aes-key.bin")).toString("hex")

  return {
    /** EncryptedKeyMaterial.bin made by openssl from `material` under GetParametersForImport's public key. */
    wrap: (algorithm: ImportWrapping, wrappingPublicKey: Uint8Array, material: Uint8Array): Uint8Array => {
      const c = freshCase({ "WrappingPublicKey.bin": wrappingPublicKey })
      if (!isAesKeyWrap(algorithm)) {
        c.write("PlaintextKeyMaterial.bin", material)
        oaepEncrypt(c, hashOf(algorithm), "PlaintextKeyMaterial.bin", "EncryptedKeyMaterial.bin")
        return c.read("EncryptedKeyMaterial.bin")
      }
      c.write("PlaintextKeyMaterial.der", material)
      c.openssl("rand", "-out", "aes-key.bin", "32")
      c.openssl("enc", "-id-aes256-wrap-pad", "-K", hexOfAesKey(c), "-iv", "A65959A6", "-in", "PlaintextKeyMaterial.der", "-out", "key-material-wrapped.bin")
      oaepEncrypt(c, hashOf(algorithm), "aes-key.bin", "aes-key-wrapped.bin")
      c.shell("cat aes-key-wrapped.bin key-material-wrapped.bin > EncryptedKeyMaterial.bin")
      return c.read("EncryptedKeyMaterial.bin")
    },
    /** A fresh directory (holding `files`) to run openssl in, as a user generating their own key would. */
    directory: (files: Readonly<Record<string, Uint8Array>> = {}) => {
      const { openssl, read, write } = freshCase(files)
      return { openssl, read, write }
    },
    remove: () => rmSync(root, { recursive: true, force: true })
  }
}
