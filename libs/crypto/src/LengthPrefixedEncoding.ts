import { concatBytes } from "./concatBytes.ts"

/**
 * An unambiguous encoding of a sequence of byte fields: each field is written
 * as its length (u32 big-endian) followed by its bytes. Plain concatenation is
 * ambiguous ("ab"+"c" = "a"+"bc", the flaw in moto's encryption-context AAD);
 * a length prefix makes every field boundary part of the encoding.
 */
export const u32BigEndian = (value: number): Uint8Array => {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, value, false)
  return out
}

export const lengthPrefixed = (fields: ReadonlyArray<Uint8Array>): Uint8Array =>
  concatBytes(...fields.flatMap((field) => [u32BigEndian(field.length), field]))
