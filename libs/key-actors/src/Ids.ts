import { WebCrypto } from "@trent/crypto"
import type { Effect } from "effect"

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")

const format = (h: string): string =>
  `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`

/** A lowercase random UUID (version 4): the AWS key id format. */
export const newKeyId: Effect.Effect<string, never, WebCrypto> = WebCrypto.useSync((crypto) => {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  return format(hex(bytes))
})

/** A UUIDv7 (RFC 9562): millisecond time first, so event ids sort by creation. */
export const newEventId = (now: number): Effect.Effect<string, never, WebCrypto> =>
  WebCrypto.useSync((crypto) => {
    const bytes = crypto.getRandomValues(new Uint8Array(16))
    let t = now
    for (let i = 5; i >= 0; i--) {
      bytes[i] = t % 256
      t = Math.floor(t / 256)
    }
    bytes[6] = (bytes[6]! & 0x0f) | 0x70
    bytes[8] = (bytes[8]! & 0x3f) | 0x80
    return format(hex(bytes))
  })

/** A multi-Region key id: `mrk-` and 32 lowercase hex digits, 36 characters like a UUID (aws-kms-api.md §2.1). */
export const newMultiRegionKeyId: Effect.Effect<string, never, WebCrypto> = WebCrypto.useSync((crypto) =>
  `mrk-${hex(crypto.getRandomValues(new Uint8Array(16)))}`
)
