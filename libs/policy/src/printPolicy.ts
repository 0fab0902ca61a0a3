import type { ConditionClause, Matcher, PolicyDocument, PrincipalSpec, Statement } from "./PolicyDocument.ts"

/**
 * Writes a parsed policy back as JSON, pretty-printed the way AWS returns the
 * default key policy. `parsePolicy(printPolicy(doc), doc.kind)` gives `doc`
 * back; single values print as a bare string, as authors usually write them.
 */
export const printPolicy = (document: PolicyDocument): string =>
  JSON.stringify(
    {
      ...(document.version === undefined ? {} : { Version: document.version }),
      ...(document.id === undefined ? {} : { Id: document.id }),
      Statement: document.statements.map(printStatement)
    },
    null,
    2
  )

const oneOrMany = (values: ReadonlyArray<string>): string | ReadonlyArray<string> =>
  values.length === 1 ? values[0]! : values

const printPrincipal = (principal: PrincipalSpec): unknown =>
  principal._tag === "AnyPrincipal"
    ? "*"
    : {
        ...(principal.aws.length === 0 ? {} : { AWS: oneOrMany(principal.aws) }),
        ...(principal.service.length === 0 ? {} : { Service: oneOrMany(principal.service) })
      }

const printMatcher = (matcher: Matcher, element: "Action" | "Resource") => ({
  [matcher.negated ? `Not${element}` : element]: oneOrMany(matcher.values)
})

/** Clauses group back under their operator, in the order they were read. */
const printConditions = (clauses: ReadonlyArray<ConditionClause>) => {
  const block: Record<string, Record<string, string | ReadonlyArray<string>>> = {}
  for (const clause of clauses) {
    const keys = (block[clause.operator] ??= {})
    keys[clause.key] = clause.values.length === 1 ? clause.values[0]! : clause.values
  }
  return block
}

const printStatement = (statement: Statement) => ({
  ...(statement.sid === undefined ? {} : { Sid: statement.sid }),
  Effect: statement.effect,
  ...(statement.principal === undefined
    ? {}
    : { [statement.notPrincipal ? "NotPrincipal" : "Principal"]: printPrincipal(statement.principal) }),
  ...printMatcher(statement.action, "Action"),
  ...printMatcher(statement.resource, "Resource"),
  ...(statement.conditions.length === 0 ? {} : { Condition: printConditions(statement.conditions) })
})
