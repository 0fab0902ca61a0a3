import { join } from "node:path"
import { Console, Effect } from "effect"
import { readPublicKeyFile, regionDir } from "./auditFiles.ts"
import type { AuditLocation } from "./auditFiles.ts"

/** `audit public-key`: the published key, printed as PEM. */
export const printPublicKey = Effect.fn("audit.publicKey")(function*(input: AuditLocation) {
  const spki = yield* readPublicKeyFile(join(yield* regionDir(input), "audit-public-key.pem"))
  const base64 = Buffer.from(spki).toString("base64")
  yield* Console.log(`-----BEGIN PUBLIC KEY-----\n${(base64.match(/.{1,64}/g) ?? []).join("\n")}\n-----END PUBLIC KEY-----`)
})
