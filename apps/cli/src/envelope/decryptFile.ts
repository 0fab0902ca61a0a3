import type { Duplex } from "node:stream"
import type { MessageHeader } from "@aws-crypto/client-node"
import { Effect } from "effect"
import { kmsSettings } from "../kms/kmsClient.ts"
import { kmsFailureMessage } from "../kms/sendKms.ts"
import { encryptionContextMismatch } from "./checkEncryptionContext.ts"
import { envelopeFailure } from "./envelopeFailure.ts"
import type { DecryptInput } from "./decryptCommand.ts"
import { esdk } from "./esdkClient.ts"
import { esdkKeyring } from "./esdkKeyring.ts"
import { fileTransform } from "./fileTransform.ts"

class EncryptionContextMismatch extends Error {}

/** The SDK's decrypt stream, stopped as soon as the header shows the wrong context: no plaintext is written then. */
const checkedDecryptStream = (stream: Duplex, expected: Readonly<Record<string, string>>): Duplex =>
  stream.once("MessageHeader", (header: MessageHeader) => {
    const mismatch = encryptionContextMismatch(expected, header.encryptionContext)
    if (mismatch !== undefined) stream.destroy(new EncryptionContextMismatch(mismatch))
  })

/** `decrypt`: the input through the SDK's decrypt stream, its data key decrypted by the Trent key the message names. */
export const decryptFile = Effect.fn("decrypt")(function*(input: DecryptInput) {
  const settings = yield* kmsSettings(input)
  const keyring = yield* esdkKeyring(settings, { _tag: "Discover" })
  yield* fileTransform({
    input: input.input,
    output: input.output,
    mode: 0o600,
    stages: () => [checkedDecryptStream(esdk.decryptStream(keyring), input.context)],
    describe: (error) => {
      const kms = (answer: unknown) => kmsFailureMessage(answer, settings.endpoint)
      return `cannot decrypt ${input.input}: ${(error instanceof EncryptionContextMismatch ? undefined : envelopeFailure(error, kms)) ?? kms(error)}`
    }
  })
}, Effect.scoped)
