import { DescribeKeyCommand } from "@aws-sdk/client-kms"
import { Console, Effect } from "effect"
import { kmsClient, kmsSettings } from "../kms/kmsClient.ts"
import { listAllAliases, listAllKeys } from "../kms/listAll.ts"
import { sendKms } from "../kms/sendKms.ts"
import { formatOptionalInstant } from "../output/formatInstant.ts"
import { printJsonLine } from "../output/jsonLine.ts"
import { renderTable } from "../output/table.ts"
import type { ListInput } from "./listCommand.ts"

/** ListKeys, ListAliases, and DescribeKey for each key, printed as a table or JSON lines. */
export const listKeys = Effect.fn("keys.list")(function*(input: ListInput) {
  const settings = yield* kmsSettings(input)
  const kms = yield* kmsClient(settings)
  const keys = yield* listAllKeys(kms, settings.endpoint)
  const aliases = yield* listAllAliases(kms, settings.endpoint)
  const described = yield* Effect.forEach(
    keys,
    (key) => sendKms(settings.endpoint, () => kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))),
    { concurrency: 8 }
  )
  const rows = described.map(({ KeyMetadata: metadata }) => ({
    metadata: metadata!,
    aliases: aliases.filter((alias) => alias.TargetKeyId === metadata!.KeyId).map((alias) => alias.AliasName!).sort()
  }))
  if (input.json) {
    for (const row of rows) yield* printJsonLine({ ...row.metadata, Aliases: row.aliases })
    return
  }
  yield* Console.log(renderTable(
    ["KEY ID", "STATE", "SPEC", "USAGE", "CREATED", "ALIASES", "DESCRIPTION"],
    rows.map(({ metadata, aliases }) => [
      metadata.KeyId!,
      metadata.KeyState ?? "-",
      metadata.KeySpec ?? "-",
      metadata.KeyUsage ?? "-",
      formatOptionalInstant(metadata.CreationDate?.getTime()),
      aliases.length === 0 ? "-" : aliases.join(","),
      metadata.Description || "-"
    ])
  ))
}, Effect.scoped)
