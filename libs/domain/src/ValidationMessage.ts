/**
 * AWS's ValidationException text (https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html, obs):
 * `1 validation error detected: Value '<v>' at '<memberPath>' failed to satisfy constraint: Member must <rule>`.
 * Blob members leave the value out (`Value at 'plaintext' …`) — pass `value: undefined`.
 */
export interface ConstraintViolation {
  readonly path: string
  readonly value: string | number | undefined
  readonly rule: string
}

const describe = (violation: ConstraintViolation): string => {
  const value = violation.value === undefined ? "Value" : `Value '${violation.value}'`
  return `${value} at '${violation.path}' failed to satisfy constraint: Member must ${violation.rule}`
}

export const validationMessage = (violations: ReadonlyArray<ConstraintViolation>): string => {
  const count = violations.length
  const head = count === 1 ? "1 validation error detected: " : `${count} validation errors detected: `
  return head + violations.map(describe).join("; ")
}

export const maxLength = (n: number): string => `have length less than or equal to ${n}`
export const minLength = (n: number): string => `have length greater than or equal to ${n}`
export const maxValue = (n: number): string => `have value less than or equal to ${n}`
export const minValue = (n: number): string => `have value greater than or equal to ${n}`
export const enumValueSet = (values: ReadonlyArray<string>): string =>
  `satisfy enum value set: [${values.join(", ")}]`
export const pattern = (regex: string): string => `satisfy regular expression pattern: ${regex}`
