import { Console, Effect } from "effect"
import { printJsonLine } from "../output/jsonLine.ts"
import { renderFields, renderTable } from "../output/table.ts"
import type { KeyView } from "./KeyView.ts"
import type { KeyHistory } from "./readKeyHistory.ts"

/** `--json`: the state as one line (`"kind":"state"`), then one line per timeline event (`"kind":"event"`). */
export const printKeyHistoryJson = (history: KeyHistory) =>
  Effect.gen(function*() {
    yield* printJsonLine({ kind: "state", at: history.at, ...history.key })
    for (const entry of history.timeline) yield* printJsonLine({ kind: "event", ...entry })
  })

const rotationText = (rotation: KeyView["rotation"]): string => {
  const automatic = rotation.enabled
    ? `automatic every ${rotation.periodInDays} days, next ${rotation.nextRotationAt ?? "-"}`
    : "automatic off"
  return `${automatic}; ${rotation.onDemandRotations} on demand`
}

const section = (title: string, body: string) => Console.log(`\n${title}\n${body}`)

const prettyPolicy = (policy: string): string => {
  try {
    return JSON.stringify(JSON.parse(policy), null, 2)
  } catch {
    return policy
  }
}

/** The human form: the key's fields, its versions, grants and policy, then its timeline. */
export const printKeyHistoryTable = (history: KeyHistory) =>
  Effect.gen(function*() {
    const key = history.key
    yield* Console.log(`Key ${key.keyId} as of ${history.at}\n`)
    yield* Console.log(renderFields([
      ["ARN", key.arn],
      ["State", key.state],
      ...(key.deletionDate === null ? [] : [["Deletion date", `${key.deletionDate} (${key.pendingWindowInDays}-day window)`] as const]),
      ...(key.destroyedAt === null ? [] : [["Destroyed", key.destroyedAt] as const]),
      ["Created", key.createdAt],
      ["Description", key.description === "" ? "-" : key.description],
      ["Spec", key.keySpec],
      ["Usage", key.keyUsage],
      ["Origin", key.origin],
      ["Multi-Region", String(key.multiRegion)],
      ["Rotation", rotationText(key.rotation)],
      ["Aliases", key.aliases.length === 0 ? "-" : key.aliases.join(", ")],
      ["Tags", key.tags.length === 0 ? "-" : key.tags.map((tag) => `${tag.tagKey}=${tag.tagValue}`).join(", ")]
    ]))
    yield* section("VERSIONS", renderTable(
      ["MATERIAL ID", "CREATED", "ROTATION", "CURRENT"],
      key.versions.map((v) => [v.materialId, v.createdAt, v.rotationType ?? "original", v.current ? "yes" : ""])
    ))
    if (key.grants.length > 0) {
      yield* section("GRANTS", renderTable(
        ["GRANT ID", "NAME", "GRANTEE", "OPERATIONS", "CREATED"],
        key.grants.map((g) => [g.grantId, g.name ?? "-", g.granteePrincipal, g.operations.join(","), g.createdAt])
      ))
    }
    yield* section("POLICY", prettyPolicy(key.policy))
    yield* section("TIMELINE", renderTable(
      ["SEQ", "AT", "TYPE", "PRINCIPAL", "REQUEST ID"],
      history.timeline.map((e) => [String(e.seq), e.at, e.type, e.principal, e.requestId])
    ))
  })
