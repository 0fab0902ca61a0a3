import { AWS_MANAGED_ROTATION_DAYS } from "../AwsManagedKey.ts"
import { DAY_MS, type Key } from "../Key.ts"
import type { KeyEvent } from "../KeyEvent.ts"
import type { CreateKey } from "../KeyCommand.ts"
import { InvalidRequest, KeyInvalidState, type KeyRejection, UnsupportedOperation } from "../KeyErrors.ts"
import { checkPolicyDocument, defaultKeyPolicy } from "../KeyPolicy.ts"
import type { KeySpec } from "../KeySpec.ts"
import { keySpecRules } from "../KeySpecRules.ts"
import { checkTags } from "../Tag.ts"
import { checkDescription } from "./checkDescription.ts"

/**
 * The spec a CreateKey request asks for. AWS refuses the two members together,
 * even when they name the same spec: "You cannot specify KeySpec and
 * CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is
 * deprecated." (CreateKey, API Reference, "CustomerMasterKeySpec":
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html).
 */
export const requestedKeySpec = (
  keySpec: KeySpec | undefined,
  customerMasterKeySpec: KeySpec | undefined
): KeySpec | InvalidRequest =>
  keySpec !== undefined && customerMasterKeySpec !== undefined
    ? new InvalidRequest({
      message: "You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated."
    })
    : keySpec ?? customerMasterKeySpec ?? "SYMMETRIC_DEFAULT"

/**
 * CreateKey (https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html, https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html): every key spec except SM2 (China
 * Regions only), with a usage its spec allows; AWS_KMS origin, or EXTERNAL
 * (no material: the key starts PendingImport). Custom key stores are not
 * served. A multi-Region key's id is `mrk-` + 32 hex (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id).
 */
export const decideCreateKey = (state: Key, command: typeof CreateKey.Type): ReadonlyArray<KeyEvent> | KeyRejection => {
  if (state.status !== "Absent") return new KeyInvalidState({ message: `Key ${command.keyId} already exists.` })
  const rule = keySpecRules[command.keySpec]
  if (rule.availability !== "served") {
    return new UnsupportedOperation({ message: `KeySpec ${command.keySpec} is available only in the AWS China Regions.` })
  }
  if (!rule.usages.includes(command.keyUsage)) {
    return new InvalidRequest({
      message: `KeyUsage ${command.keyUsage} is not compatible with KeySpec ${command.keySpec}`
    })
  }
  if (command.origin === "AWS_CLOUDHSM") {
    return new UnsupportedOperation({ message: `Origin ${command.origin} needs an AWS CloudHSM key store, which this server does not host.` })
  }
  const rejection = checkExternalKeyStore(command)
  if (rejection !== undefined) return rejection
  if ((command.origin === "EXTERNAL") !== (command.material.materialId === "")) {
    return new InvalidRequest({ message: `Origin ${command.origin} keys ${command.origin === "EXTERNAL" ? "take imported material only" : "need generated material"}.` })
  }
  if (command.multiRegion !== command.keyId.startsWith("mrk-")) {
    return new InvalidRequest({ message: `Key id ${command.keyId} does not match MultiRegion=${command.multiRegion}.` })
  }
  const invalid = checkDescription(command.description) ?? checkTags([], command.tags) ??
    (command.policy === undefined ? undefined : checkPolicyDocument(command.policy))
  if (invalid !== undefined) return invalid
  return [{
    _tag: "KeyCreated",
    keyId: command.keyId,
    partition: command.partition,
    account: command.account,
    region: command.region,
    keySpec: command.keySpec,
    keyUsage: command.keyUsage,
    origin: command.origin,
    multiRegion: command.multiRegion,
    description: command.description,
    policy: command.policy ?? defaultKeyPolicy(command),
    tags: command.tags,
    material: command.material,
    createdAt: command.now
  }, ...(command.awsManagedFor === undefined ? [] : awsManaged(command.awsManagedFor, command.now)),
    ...(command.customKeyStore === undefined ? [] : [{ _tag: "KeyPlacedInCustomKeyStore" as const, at: command.now, ...command.customKeyStore }])]
}

/**
 * "To create a KMS key in an external key store … specify EXTERNAL_KEY_STORE
 * [Origin], the CustomKeyStoreId … and XksKeyId", and the key must be a
 * single-Region symmetric encryption key (CreateKey, API Reference, "Origin",
 * "XksKeyId"). A store named with any other origin is refused.
 */
const checkExternalKeyStore = (command: typeof CreateKey.Type): KeyRejection | undefined => {
  const inStore = command.origin === "EXTERNAL_KEY_STORE"
  if (inStore !== (command.customKeyStore !== undefined)) {
    return new InvalidRequest({
      message: inStore
        ? "Origin EXTERNAL_KEY_STORE requires a CustomKeyStoreId and an XksKeyId."
        : `CustomKeyStoreId and XksKeyId are valid only with Origin EXTERNAL_KEY_STORE, not ${command.origin}.`
    })
  }
  if (inStore && (command.keySpec !== "SYMMETRIC_DEFAULT" || command.keyUsage !== "ENCRYPT_DECRYPT" || command.multiRegion)) {
    return new UnsupportedOperation({
      message: "KMS keys in an external key store must be single-Region SYMMETRIC_DEFAULT keys for ENCRYPT_DECRYPT."
    })
  }
  return undefined
}

/** An AWS managed key says so (KeyManager AWS) and rotates every year from its creation, as AWS's do. */
const awsManaged = (service: string, now: number): ReadonlyArray<KeyEvent> => [
  { _tag: "KeyManagedByAws", at: now, service },
  {
    _tag: "KeyRotationEnabled",
    at: now,
    rotationPeriodInDays: AWS_MANAGED_ROTATION_DAYS,
    nextRotationAt: now + AWS_MANAGED_ROTATION_DAYS * DAY_MS
  }
]
