import type { Key } from "../Key.ts"
import type { KeyEvent } from "../KeyEvent.ts"
import type { PutKeyPolicy, TagResource, UntagResource, UpdateKeyDescription } from "../KeyCommand.ts"
import type { KeyRejection } from "../KeyErrors.ts"
import { checkPolicyDocument, checkPolicyName, DEFAULT_POLICY_NAME } from "../KeyPolicy.ts"
import { checkTagKeys, checkTags } from "../Tag.ts"
import { checkDescription } from "./checkDescription.ts"
import { isLive, requireLiveKey } from "./requireKey.ts"

type Outcome = ReadonlyArray<KeyEvent> | KeyRejection

export const decideUpdateKeyDescription = (state: Key, command: typeof UpdateKeyDescription.Type): Outcome => {
  const invalid = checkDescription(command.description)
  if (invalid !== undefined) return invalid
  const live = requireLiveKey(state, "UpdateKeyDescription")
  if (!isLive(live)) return live
  return [{ _tag: "KeyDescriptionUpdated", at: command.now, description: command.description }]
}

export const decideTagResource = (state: Key, command: typeof TagResource.Type): Outcome => {
  const live = requireLiveKey(state, "TagResource")
  if (!isLive(live)) return live
  return checkTags(live.key.tags, command.tags) ?? [{ _tag: "KeyTagged", at: command.now, tags: command.tags }]
}

export const decideUntagResource = (state: Key, command: typeof UntagResource.Type): Outcome => {
  const live = requireLiveKey(state, "UntagResource")
  if (!isLive(live)) return live
  return checkTagKeys(command.tagKeys) ?? [{ _tag: "KeyUntagged", at: command.now, tagKeys: command.tagKeys }]
}

/** Storage of the policy document; evaluation (and the lockout check) arrive with authorization. */
export const decidePutKeyPolicy = (state: Key, command: typeof PutKeyPolicy.Type): Outcome => {
  const live = requireLiveKey(state, "PutKeyPolicy")
  if (!isLive(live)) return live
  const rejection = checkPolicyName(command.policyName) ?? checkPolicyDocument(command.policy)
  if (rejection !== undefined) return rejection
  return [{ _tag: "KeyPolicyPut", at: command.now, policyName: DEFAULT_POLICY_NAME, policy: command.policy }]
}
