/**
 * A stored payload with every wrapped key material replaced by its length:
 * `"wrapped": "<base64>"` becomes `"wrappedLength": 60`. Wrapped material is
 * ciphertext, but support output is pasted into tickets and chats, so the
 * bytes never leave the machine. Matches the field by name at any depth, so new event types that
 * carry material are covered too.
 */
export const redactMaterial = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(redactMaterial)
  if (typeof value !== "object" || value === null) return value
  return Object.fromEntries(
    Object.entries(value).map(([name, field]) =>
      isWrappedField(name) && typeof field === "string"
        ? [`${name}Length`, Buffer.from(field, "base64").length]
        : [name, redactMaterial(field)]
    )
  )
}

const isWrappedField = (name: string): boolean => /^wrapped/i.test(name)
