import { Crypto as PeculiarCrypto } from "@peculiar/webcrypto"
import { Context, Layer } from "effect"
// Types only (erased at runtime): the standard WebCrypto interfaces. The
// workspace compiles without the DOM lib, and @peculiar/webcrypto's own
// declarations lean on it, so its `subtle` would otherwise be untyped.
import type { webcrypto } from "node:crypto"

export type SubtleCrypto = webcrypto.SubtleCrypto
export type CryptoKey = webcrypto.CryptoKey

/**
 * The platform's WebCrypto, injected rather than read from a global (as the AWS
 * Encryption SDK for JS passes its backend in). `layer` is @peculiar/webcrypto;
 * tests may provide another implementation.
 */
export class WebCrypto extends Context.Service<WebCrypto, {
  readonly subtle: SubtleCrypto
  readonly getRandomValues: <T extends Uint8Array>(array: T) => T
}>()("@trent/crypto/WebCrypto") {
  static readonly layer = Layer.sync(WebCrypto, () => {
    const crypto = new PeculiarCrypto()
    return WebCrypto.of({
      subtle: crypto.subtle as SubtleCrypto,
      getRandomValues: (array) => crypto.getRandomValues(array)
    })
  })
}
