import type { SecretBytes } from "@trent/crypto"
import { Result } from "effect"
import { NO_ATTESTATION } from "../attestation.ts"
import { fields } from "../auditRule.ts"
import { cryptographic, recipient } from "../auditRuleParts.ts"
import { CustomKeyStoreIdType, NumberOfBytesType, RecipientInfo } from "../ModelShapes.ts"
import { operationDecoder, refuseIfPresent } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import { optional, structure } from "../WireShape.ts"
import { secretToWire } from "../WireValues.ts"

type GenerateRandomRequest = { readonly numberOfBytes?: number | undefined }
type GenerateRandomResult = { readonly plaintext: SecretBytes }

/** GenerateRandom (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateRandom.html). */
export const GenerateRandom = defineOperation<GenerateRandomRequest, GenerateRandomResult>()({
  name: "GenerateRandom",
  /** NumberOfBytes is optional in the model; the Region answers its absence (`NumberOfBytes is required.`, obs). */
  decoder: operationDecoder(
    structure({
      numberOfBytes: optional(NumberOfBytesType),
      customKeyStoreId: optional(CustomKeyStoreIdType),
      recipient: optional(RecipientInfo)
    }),
    ({ numberOfBytes, customKeyStoreId, recipient }) =>
      Result.flatMap(
        refuseIfPresent("CustomKeyStoreId", customKeyStoreId, "Trent has no custom key stores.", numberOfBytes === undefined ? {} : { numberOfBytes }),
        (request) => refuseIfPresent("Recipient", recipient, NO_ATTESTATION, request)
      ),
    ["customKeyStoreId", "recipient"]
  ),
  encode: (result) => ({ Plaintext: secretToWire(result.plaintext) }),
  state: "reads",
  keyForms: "key",
  audit: cryptographic(fields({ numberOfBytes: "number", customKeyStoreId: "string", recipient }))
})
