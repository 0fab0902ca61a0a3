/**
 * AWS's ValidationException text (aws-kms-api.md §1.3, obs):
 * `1 validation error detected: Value '<v>' at '<memberPath>' failed to satisfy constraint: Member must <rule>`,
 * several joined with `; ` after `N validation errors detected: `.
 *
 * The value takes three forms, as AWS prints them: quoted text, the bare word
 * `null` for a missing required member (`Value null at 'keyId' …`), and nothing
 * at all for blobs and sensitive members (`Value at 'plaintext' …`). The
 * domain's `validationMessage` has no `null` form, hence this formatter; it
 * reuses the domain's rule phrases.
 */
export type ViolationValue =
  | { readonly _tag: "Shown"; readonly text: string }
  | { readonly _tag: "Null" }
  | { readonly _tag: "Hidden" }

export interface Violation {
  readonly path: string
  readonly value: ViolationValue
  readonly rule: string
}

export const shown = (text: string): ViolationValue => ({ _tag: "Shown", text })
export const nullValue: ViolationValue = { _tag: "Null" }
export const hidden: ViolationValue = { _tag: "Hidden" }

const describeValue = (value: ViolationValue): string => {
  switch (value._tag) {
    case "Shown":
      return `Value '${value.text}'`
    case "Null":
      return "Value null"
    case "Hidden":
      return "Value"
  }
}

const describe = (violation: Violation): string =>
  `${describeValue(violation.value)} at '${violation.path}' failed to satisfy constraint: Member must ${violation.rule}`

export const validationReport = (violations: ReadonlyArray<Violation>): string => {
  const count = violations.length
  const head = count === 1 ? "1 validation error detected: " : `${count} validation errors detected: `
  return head + violations.map(describe).join("; ")
}

/** The rule phrase for a missing required member. */
export const notNull = "not be null"

/** A list whose members break their own constraints: `Member must satisfy constraint: [Member must …, …]`. */
export const memberConstraints = (rules: ReadonlyArray<string>): string =>
  `satisfy constraint: [${rules.map((rule) => `Member must ${rule}`).join(", ")}]`
