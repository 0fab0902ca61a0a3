import { AliasReserved, InvalidRequest } from "./KeyErrors.ts"
import { maxLength, pattern, validationMessage } from "./ValidationMessage.ts"

/**
 * Alias name rules (https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html, https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html): the `alias/` prefix, 1–256
 * characters of `[a-zA-Z0-9:/_-]` of which the service rejects `:`, and the
 * reserved `alias/aws/` space.
 */
export const MAX_ALIAS_NAME_LENGTH = 256
const modelPattern = "^[a-zA-Z0-9:/_-]+$"
const allowed = /^[a-zA-Z0-9:/_-]+$/
export const ALIAS_PREFIX = "alias/"
const RESERVED_PREFIX = "alias/aws/"

export const checkAliasName = (aliasName: string): InvalidRequest | AliasReserved | undefined => {
  if (aliasName.length > MAX_ALIAS_NAME_LENGTH) {
    return new InvalidRequest({
      message: validationMessage([{ path: "aliasName", value: aliasName, rule: maxLength(MAX_ALIAS_NAME_LENGTH) }])
    })
  }
  if (!allowed.test(aliasName)) {
    return new InvalidRequest({
      message: validationMessage([{ path: "aliasName", value: aliasName, rule: pattern(modelPattern) }])
    })
  }
  if (!aliasName.startsWith(ALIAS_PREFIX) || aliasName.length === ALIAS_PREFIX.length) {
    return new InvalidRequest({
      message: 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html'
    })
  }
  if (aliasName.includes(":")) {
    return new InvalidRequest({ message: `${aliasName} contains invalid characters for an alias` })
  }
  if (aliasName.startsWith(RESERVED_PREFIX)) return new AliasReserved({ message: "" })
  return undefined
}
