import type { Key } from "../Key.ts"
import type { KeyEvent } from "../KeyEvent.ts"
import type { CreateKey } from "../KeyCommand.ts"
import { InvalidRequest, KeyInvalidState, type KeyRejection, UnsupportedOperation } from "../KeyErrors.ts"
import { checkPolicyDocument, defaultKeyPolicy } from "../KeyPolicy.ts"
import { keySpecRules } from "../KeySpecRules.ts"
import { checkTags } from "../Tag.ts"
import { checkDescription } from "./checkDescription.ts"

/**
 * CreateKey (aws-kms-api.md §3.1, §5.1): every key spec except SM2 (China
 * Regions only), with a usage its spec allows; AWS_KMS origin. Imported
 * material and multi-Region keys are answered with UnsupportedOperation until
 * they land.
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
  if (command.origin !== "AWS_KMS") {
    return new UnsupportedOperation({ message: `Origin ${command.origin} is not supported by this Region yet.` })
  }
  if (command.multiRegion) {
    return new UnsupportedOperation({ message: "Multi-Region keys are not supported by this Region yet." })
  }
  const rejection = checkDescription(command.description) ?? checkTags([], command.tags) ??
    (command.policy === undefined ? undefined : checkPolicyDocument(command.policy))
  if (rejection !== undefined) return rejection
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
  }]
}
