/**
 * Whether a message's encryption context holds every pair the caller
 * expects: the caller names what the data must be bound to, and the message
 * may carry more (the SDK adds `aws-crypto-public-key` to signed messages).
 * Returns what does not match, or undefined. AWS's guidance: "check the
 * encryption context on decrypt" (AWS Encryption SDK developer guide,
 * "Encryption context").
 */
export const encryptionContextMismatch = (
  expected: Readonly<Record<string, string>>,
  actual: Readonly<Record<string, string>>
): string | undefined => {
  const problems = Object.entries(expected).flatMap(([name, value]) =>
    actual[name] === undefined
      ? [`${name} is missing (expected "${value}")`]
      : actual[name] !== value
      ? [`${name} is "${actual[name]}" (expected "${value}")`]
      : []
  )
  return problems.length === 0 ? undefined : `the encryption context does not match: ${problems.join(", ")}`
}
