import type { IncorrectKey, InvalidMarker, KeyDisabled } from "@trent/domain"
import type { AccessDenied } from "@trent/key-actors"
import { describe, expectTypeOf, it } from "vitest"
import type { RegionErrorOf } from "./RegionApi.ts"

describe("the Region's operations", () => {
  it("each fail with their own handler's error union, not the whole RegionError (checked when the tests compile)", () => {
    expectTypeOf<InvalidMarker>().toExtend<RegionErrorOf<"ListKeys">>()
    expectTypeOf<AccessDenied>().toExtend<RegionErrorOf<"ListKeys">>()
    // ListKeys names no key: it cannot answer that a key is disabled, or that a ciphertext is for another key.
    expectTypeOf<KeyDisabled>().not.toExtend<RegionErrorOf<"ListKeys">>()
    expectTypeOf<IncorrectKey>().not.toExtend<RegionErrorOf<"ListKeys">>()
    expectTypeOf<IncorrectKey>().toExtend<RegionErrorOf<"Decrypt">>()
  })
})
