/**
 * KMS key ids as Trent writes them into ciphertext blobs. Both forms are
 * exactly 36 ASCII characters: a lowercase UUID
 * ("1234abcd-12ab-34cd-56ef-1234567890ab") or a multi-Region id, "mrk-"
 * followed by 32 lowercase hex digits (AWS KMS API reference, "Key identifiers").
 */
export const KEY_ID_LENGTH = 36

const singleRegionKeyId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const multiRegionKeyId = /^mrk-[0-9a-f]{32}$/

export const isKeyId = (value: string): boolean =>
  value.length === KEY_ID_LENGTH && (singleRegionKeyId.test(value) || multiRegionKeyId.test(value))
