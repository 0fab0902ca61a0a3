import { timingSafeEqual } from "./constantTime.ts"

const redacted = "<SecretBytes redacted>"

/**
 * Key material and other secrets. The bytes are reachable only through
 * `unsafeBytes()`, never through printing, logging or JSON: a SecretBytes that
 * slips into a log line, an event or an error shows as `<SecretBytes redacted>`.
 * (After Tink's SecretBytes with its explicit access token.)
 */
export class SecretBytes {
  readonly #bytes: Uint8Array

  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes
  }

  /** Takes ownership of `bytes`: the caller must not keep or reuse the array. */
  static adopt(bytes: Uint8Array): SecretBytes {
    return new SecretBytes(bytes)
  }

  /** Copies `bytes`, leaving the caller's array untouched. */
  static copy(bytes: Uint8Array): SecretBytes {
    return new SecretBytes(Uint8Array.from(bytes))
  }

  get length(): number {
    return this.#bytes.length
  }

  /** The secret itself. Named so that every use stands out in review. */
  unsafeBytes(): Uint8Array {
    return this.#bytes
  }

  /** Constant-time comparison (no early exit on the first differing byte). */
  equals(that: SecretBytes): boolean {
    return timingSafeEqual(this.#bytes, that.#bytes)
  }

  /** Overwrites the bytes with zeros; the secret is unusable afterwards. */
  destroy(): void {
    this.#bytes.fill(0)
  }

  toString(): string {
    return redacted
  }

  toJSON(): string {
    return redacted
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return redacted
  }
}
