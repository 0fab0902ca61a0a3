import { type AliasListEntry, KMSClient, type KeyListEntry, ListAliasesCommand, ListKeysCommand } from "@aws-sdk/client-kms"
import { Effect } from "effect"
import type { OperationFailed } from "../cli/CliFailure.ts"
import { sendKms } from "./sendKms.ts"

interface Page<Entry> {
  readonly entries: ReadonlyArray<Entry>
  readonly next: string | undefined
}

/** Follows `NextMarker` to the end: list calls return at most 1000 entries a page (https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html). */
const allPages = <Entry>(page: (marker: string | undefined) => Effect.Effect<Page<Entry>, OperationFailed>) =>
  Effect.gen(function*() {
    const entries: Array<Entry> = []
    let marker: string | undefined
    do {
      const result = yield* page(marker)
      entries.push(...result.entries)
      marker = result.next
    } while (marker !== undefined)
    return entries
  })

/** Every key of the caller's account in the client's Region. */
export const listAllKeys = (kms: KMSClient, endpoint: string) =>
  allPages<KeyListEntry>((marker) =>
    Effect.map(sendKms(endpoint, () => kms.send(new ListKeysCommand({ Limit: 1000, Marker: marker }))), (out) => ({
      entries: out.Keys ?? [],
      next: out.Truncated === true ? out.NextMarker : undefined
    })))

/** Every alias, or only those of one key. */
export const listAllAliases = (kms: KMSClient, endpoint: string, keyId?: string) =>
  allPages<AliasListEntry>((marker) =>
    Effect.map(sendKms(endpoint, () => kms.send(new ListAliasesCommand({ Limit: 100, Marker: marker, KeyId: keyId }))), (out) => ({
      entries: out.Aliases ?? [],
      next: out.Truncated === true ? out.NextMarker : undefined
    })))
