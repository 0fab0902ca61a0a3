/**
 * Grant tokens (https://docs.aws.amazon.com/kms/latest/developerguide/grants.html): opaque base64url strings of at most 8192
 * characters that only CreateGrant hands out. Trent's token names the key ARN
 * and grant id it stands for, plus a nonce so that every CreateGrant call gets
 * a new token even for the same grant. A token carries no authority of its
 * own: the grant it names must exist on the key, and a single-node Region
 * applies grants at once, so tokens only need to be well-formed.
 */
export interface GrantTokenClaims {
  readonly keyArn: string
  readonly grantId: string
}

const PREFIX = "trent-grant-1"

const toBase64Url = (text: string): string => {
  const bytes = new TextEncoder().encode(text)
  let binary = ""
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")
}

const fromBase64Url = (token: string): string | undefined => {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined
  try {
    const binary = atob(token.replaceAll("-", "+").replaceAll("_", "/"))
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
  } catch {
    return undefined
  }
}

export const encodeGrantToken = (claims: GrantTokenClaims, nonce: string): string =>
  toBase64Url(JSON.stringify([PREFIX, claims.keyArn, claims.grantId, nonce]))

/** The claims of a well-formed token, or undefined (InvalidGrantTokenException). */
export const decodeGrantToken = (token: string): GrantTokenClaims | undefined => {
  const text = fromBase64Url(token)
  if (text === undefined) return undefined
  try {
    const parsed: unknown = JSON.parse(text)
    if (
      Array.isArray(parsed) && parsed.length === 4 && parsed[0] === PREFIX &&
      parsed.slice(1).every((part) => typeof part === "string" && part.length > 0)
    ) {
      return { keyArn: parsed[1] as string, grantId: parsed[2] as string }
    }
  } catch {
    return undefined
  }
  return undefined
}
