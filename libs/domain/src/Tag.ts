import { Schema } from "effect"
import { InvalidRequest, TagRejected } from "./KeyErrors.ts"
import { maxLength, minLength, validationMessage, type ConstraintViolation } from "./ValidationMessage.ts"

export const Tag = Schema.Struct({ tagKey: Schema.String, tagValue: Schema.String })
export type Tag = typeof Tag.Type

/** https://docs.aws.amazon.com/kms/latest/developerguide/tagging-keys.html, https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html */
export const MAX_TAGS_PER_KEY = 50
const MAX_TAG_KEY = 128
const MAX_TAG_VALUE = 256

const tagViolations = (tags: ReadonlyArray<Tag>): Array<ConstraintViolation> =>
  tags.flatMap((tag, index) => {
    const at = `tags.${index + 1}.member`
    const violations: Array<ConstraintViolation> = []
    if (tag.tagKey.length < 1) violations.push({ path: `${at}.tagKey`, value: tag.tagKey, rule: minLength(1) })
    if (tag.tagKey.length > MAX_TAG_KEY) {
      violations.push({ path: `${at}.tagKey`, value: tag.tagKey, rule: maxLength(MAX_TAG_KEY) })
    }
    if (tag.tagValue.length > MAX_TAG_VALUE) {
      violations.push({ path: `${at}.tagValue`, value: tag.tagValue, rule: maxLength(MAX_TAG_VALUE) })
    }
    return violations
  })

/**
 * "The tag key cannot begin with the prefix aws:" (TagResource,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_TagResource.html),
 * in any case: AWS refuses `AWS:key1` and `Aws:key1` as it refuses `aws:key1`.
 */
const isReserved = (tagKey: string): boolean => tagKey.toLowerCase().startsWith("aws:")

/** Checks a TagResource/CreateKey tag list against the key's current tags. */
export const checkTags = (
  current: ReadonlyArray<Tag>,
  requested: ReadonlyArray<Tag>
): InvalidRequest | TagRejected | undefined => {
  const violations = tagViolations(requested)
  if (violations.length > 0) return new InvalidRequest({ message: validationMessage(violations) })
  if (requested.some((tag) => isReserved(tag.tagKey))) {
    return new TagRejected({ message: "Tags beginning with aws: are reserved" })
  }
  if (new Set(requested.map((tag) => tag.tagKey)).size !== requested.length) {
    return new TagRejected({ message: "Duplicate tag keys" })
  }
  if (mergeTags(current, requested).length > MAX_TAGS_PER_KEY) return new TagRejected({ message: "Too many tags" })
  return undefined
}

export const checkTagKeys = (tagKeys: ReadonlyArray<string>): InvalidRequest | TagRejected | undefined => {
  const violations = tagKeys.flatMap((tagKey, index): Array<ConstraintViolation> => {
    const path = `tagKeys.${index + 1}.member`
    if (tagKey.length < 1) return [{ path, value: tagKey, rule: minLength(1) }]
    if (tagKey.length > MAX_TAG_KEY) return [{ path, value: tagKey, rule: maxLength(MAX_TAG_KEY) }]
    return []
  })
  if (violations.length > 0) return new InvalidRequest({ message: validationMessage(violations) })
  if (tagKeys.some(isReserved)) return new TagRejected({ message: "Tags beginning with aws: are reserved" })
  return undefined
}

/** TagResource overwrites the values of existing keys and appends new ones. */
export const mergeTags = (current: ReadonlyArray<Tag>, added: ReadonlyArray<Tag>): ReadonlyArray<Tag> => {
  const byKey = new Map(current.map((tag) => [tag.tagKey, tag.tagValue]))
  for (const tag of added) byKey.set(tag.tagKey, tag.tagValue)
  return [...byKey].map(([tagKey, tagValue]) => ({ tagKey, tagValue }))
}

/** Untagging a key that is not there succeeds silently (https://docs.aws.amazon.com/kms/latest/developerguide/tagging-keys.html). */
export const removeTags = (current: ReadonlyArray<Tag>, tagKeys: ReadonlyArray<string>): ReadonlyArray<Tag> => {
  const removed = new Set(tagKeys)
  return current.filter((tag) => !removed.has(tag.tagKey))
}
