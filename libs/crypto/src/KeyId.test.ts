import { describe, expect, it } from "vitest"
import { isKeyId, KEY_ID_LENGTH } from "./KeyId.ts"

describe("key ids", () => {
  it("are 36 characters in both forms", () => {
    expect(KEY_ID_LENGTH).toBe(36)
    expect("1234abcd-12ab-34cd-56ef-1234567890ab".length).toBe(KEY_ID_LENGTH)
    expect("mrk-1234abcd12ab34cd56ef1234567890ab".length).toBe(KEY_ID_LENGTH)
  })

  it.each(["1234abcd-12ab-34cd-56ef-1234567890ab", "00000000-0000-0000-0000-000000000000", "mrk-1234abcd12ab34cd56ef1234567890ab"])(
    "accepts %s",
    (id) => expect(isKeyId(id)).toBe(true)
  )

  it.each([
    "",
    "1234ABCD-12AB-34CD-56EF-1234567890AB",
    "1234abcd-12ab-34cd-56ef-1234567890a",
    "1234abcd-12ab-34cd-56ef-1234567890abc",
    "1234abcd_12ab_34cd_56ef_1234567890ab",
    "mrk-1234ABCD12AB34CD56EF1234567890AB",
    "mrk-1234abcd-12ab-34cd-56ef-1234567890ab",
    "MRK-1234abcd12ab34cd56ef1234567890ab",
    "alias/aws/s3",
    "1234abcd-12ab-34cd-56ef-1234567890ab\n"
  ])("rejects %j", (id) => expect(isKeyId(id)).toBe(false))
})
