import { Effect } from "effect"
import type { InvalidPublicKey } from "../CryptoErrors.ts"
import { parsePublicKey } from "./AsymmetricKeyParsing.ts"
import { asymmetricKeyParameters, type AsymmetricKeySpec } from "./AsymmetricKeySpec.ts"
import { verifyMessage } from "./AsymmetricSignature.ts"
import { verifyingKeyHandle } from "./KeyHandles.ts"
import type { MessageType, SigningAlgorithm } from "./SigningAlgorithm.ts"
import { signingInputViolation, type SigningInputViolation } from "./SigningInputRules.ts"

/**
 * Verify (https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html) with a public key, SPKI DER of `spec`.
 * Succeeds with true or false: a signature that is malformed in any way (wrong
 * length, bad DER, out of range) is simply false, never an error. Fails only
 * when the request does not fit the key (the rules Sign applies) or the public
 * key is not one of `spec`.
 */
export const verifySignature = (input: {
  readonly spec: AsymmetricKeySpec
  readonly publicKey: Uint8Array
  readonly algorithm: SigningAlgorithm
  readonly messageType: MessageType
  readonly message: Uint8Array
  readonly signature: Uint8Array
}): Effect.Effect<boolean, SigningInputViolation | InvalidPublicKey> =>
  Effect.suspend((): Effect.Effect<boolean, SigningInputViolation | InvalidPublicKey> => {
    const violation = signingInputViolation(input)
    if (violation !== undefined) return Effect.fail(violation)
    const publicKey = parsePublicKey(input.spec, input.publicKey)
    if (publicKey instanceof Error) return Effect.fail(publicKey)
    const key = verifyingKeyHandle(asymmetricKeyParameters[input.spec], publicKey)
    return Effect.succeed(verifyMessage(key, input, input.signature))
  })
