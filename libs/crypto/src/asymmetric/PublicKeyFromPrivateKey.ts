import { Effect } from "effect"
import { InvalidKeyMaterial } from "../CryptoErrors.ts"
import type { SecretBytes } from "../SecretBytes.ts"
import { parsePrivateKey, spkiOf } from "./AsymmetricKeyParsing.ts"
import { asymmetricKeyParameters, type AsymmetricKeySpec } from "./AsymmetricKeySpec.ts"
import { signMessage, verifyMessage } from "./AsymmetricSignature.ts"
import { signingKeyHandle, verifyingKeyHandle } from "./KeyHandles.ts"
import { signingAlgorithmsBySpec } from "./SigningAlgorithm.ts"

const consistencyMessage = new TextEncoder().encode("trent pairwise consistency test")

/**
 * The public key (SPKI DER) of a PKCS#8 private key that must be a key of
 * `spec`, for imported key material (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html, https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html). On
 * top of the parse and spec checks, a pairwise consistency test (FIPS 140-3
 * IG 10.3.A) signs and verifies one message with the key's first signing
 * algorithm: a PKCS#8 whose public half does not belong to its private half
 * (an EC key with a foreign embedded point, an RSA key with a wrong d) is
 * refused here rather than making signatures nobody can verify.
 */
export const publicKeyFromPrivateKey = (
  spec: AsymmetricKeySpec,
  pkcs8: SecretBytes
): Effect.Effect<Uint8Array, InvalidKeyMaterial> =>
  Effect.suspend(() => {
    const parsed = parsePrivateKey(spec, pkcs8.unsafeBytes())
    if (parsed instanceof Error) return Effect.fail(parsed)
    const parameters = asymmetricKeyParameters[spec]
    const request = {
      algorithm: signingAlgorithmsBySpec[spec][0]!,
      messageType: "RAW" as const,
      message: consistencyMessage
    }
    let consistent: boolean
    try {
      const signature = signMessage(signingKeyHandle(parameters, parsed), request)
      consistent = verifyMessage(verifyingKeyHandle(parameters, parsed), request, signature)
    } catch {
      consistent = false
    }
    return consistent
      ? Effect.succeed(spkiOf(parsed))
      : Effect.fail(new InvalidKeyMaterial({ message: `private key for ${spec} fails its pairwise consistency test` }))
  })
