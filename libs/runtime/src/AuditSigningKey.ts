import { AuditSigner, generateAuditSigningKey } from "@trent/audit"
import { Keyvault, RootKey } from "@trent/event-log"
import { Effect, Layer, Option } from "effect"
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs"
import { randomUUID } from "node:crypto"
import { dirname } from "node:path"
import { refuseLostKeyvault } from "@trent/key-actors"
import { RegionConfig } from "@trent/key-actors"
import { RegionInternalError } from "@trent/key-actors"
import { AUDIT_SIGNING_KEY_ID, auditSigningKeyBinding } from "@trent/key-actors"


/**
 * The Region's audit signer (issue #7): an Ed25519 key made at first start and
 * kept in the Region's keyvault wrapped under the root key — never in the audit
 * file, so whoever can edit that file cannot sign a checkpoint over the edit.
 */
export const auditSignerLayer = Layer.effect(
  AuditSigner,
  Effect.gen(function*() {
    const { region } = yield* RegionConfig
    const keyvault = yield* Keyvault
    const rootKey = yield* RootKey
    const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })
    const stored = yield* keyvault.get(AUDIT_SIGNING_KEY_ID).pipe(Effect.mapError(internal("reading the audit signing key failed")))
    const privateKey = Option.isSome(stored)
      ? yield* rootKey.unwrap(stored.value, auditSigningKeyBinding(region)).pipe(
        Effect.mapError(internal(
          `the root key does not match Region ${region}'s keyvault: its audit signing key does not unwrap under it`
        ))
      )
      : yield* Effect.gen(function*() {
        yield* refuseLostKeyvault("audit signing key")
        const fresh = generateAuditSigningKey()
        const wrapped = yield* rootKey.wrap(fresh.privateKey, auditSigningKeyBinding(region))
        yield* keyvault.put(AUDIT_SIGNING_KEY_ID, wrapped).pipe(Effect.mapError(internal("storing the audit signing key failed")))
        return fresh.privateKey
      })
    const signer = yield* AuditSigner.fromPrivateKey(privateKey).pipe(
      Effect.mapError(internal("the audit signing key is not an Ed25519 key")),
      Effect.ensuring(Effect.sync(() => privateKey.destroy()))
    )
    return signer
  })
)

/** SPKI DER as a PEM public key, the form `openssl pkey -pubin` and `trent audit verify --public-key` read. */
export const publicKeyPem = (spki: Uint8Array): string => {
  const base64 = Buffer.from(spki).toString("base64")
  const lines = base64.match(/.{1,64}/g) ?? []
  return `-----BEGIN PUBLIC KEY-----\n${lines.join("\n")}\n-----END PUBLIC KEY-----\n`
}

/**
 * Publishes the Region's audit public key: written beside its data
 * (`audit-public-key.pem`, not secret, but 0600 like every file of the data
 * directory) and logged at start. Keep a copy elsewhere too — whoever can
 * rewrite the audit file could rewrite this one. A file holding another key is
 * never overwritten: it is what verifies the trail signed so far, and a
 * Region that finds it there is not the one that signed it.
 */
export const publishAuditPublicKey = (file: string, region: string, spki: Uint8Array) =>
  Effect.gen(function*() {
    const pem = publicKeyPem(spki)
    yield* Effect.try({
      try: () => {
        mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
        // Written whole under another name, then linked: another process starting on the directory reads all of it or none.
        const temporary = `${file}.${process.pid}-${randomUUID()}.tmp`
        writeFileSync(temporary, pem, { mode: 0o600 })
        try {
          linkSync(temporary, file)
          return true
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error
          return readFileSync(file, "utf8") === pem
        } finally {
          unlinkSync(temporary)
        }
      },
      catch: (cause) => new RegionInternalError({ message: `cannot write ${file}`, cause })
    }).pipe(Effect.flatMap((same) =>
      same
        ? Effect.void
        : Effect.fail(new RegionInternalError({
          message: `Region ${region}: ${file} holds another audit public key than this Region's signing key; refusing to overwrite it`
        }))
    ))
    yield* Effect.logInfo(`Region ${region}: audit checkpoints are signed with the Ed25519 key in ${file}`, {
      auditPublicKey: Buffer.from(spki).toString("base64")
    })
  })
