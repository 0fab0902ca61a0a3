import { KmsKeyringNode } from "@aws-crypto/client-node"
import { KMS } from "@aws-sdk/client-kms"
import { Effect } from "effect"
import type { KmsSettings } from "../kms/kmsClient.ts"

export type KeyringUse =
  /** Encrypt: GenerateDataKey under this key (id, ARN, alias name or alias ARN). */
  | { readonly _tag: "Generate"; readonly keyId: string }
  /** Decrypt: whichever key each encrypted data key names (its ARN), as a discovery keyring does. */
  | { readonly _tag: "Discover" }

/**
 * An AWS Encryption SDK KMS keyring whose KMS clients all point at Trent.
 * The SDK asks for a client per Region, taken from the key's ARN; a bare key
 * id or alias gives no Region, and gets `--region`. The clients are
 * destroyed with the scope.
 */
export const esdkKeyring = (settings: KmsSettings, use: KeyringUse) =>
  Effect.gen(function*() {
    const clients: Array<KMS> = []
    yield* Effect.addFinalizer(() => Effect.sync(() => clients.forEach((client) => client.destroy())))
    const clientProvider = (region: string) => {
      const client = new KMS({
        endpoint: settings.endpoint,
        region: region === "" ? settings.region : region,
        ...(settings.credentials === undefined ? {} : { credentials: settings.credentials })
      })
      clients.push(client)
      return client
    }
    return use._tag === "Generate"
      ? new KmsKeyringNode({ generatorKeyId: use.keyId, clientProvider })
      : new KmsKeyringNode({ discovery: true, clientProvider })
  })
