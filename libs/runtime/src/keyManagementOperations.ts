import { WebCrypto } from "@trent/crypto"
import {
  arnOfKey,
  keyArn,
  checkPolicyName,
  createKeySpec,
  DEFAULT_POLICY_NAME,
  decideKey,
  isKeyRejection,
  type KeyCommand,
  keyMetadata,
  type KeyMetadata,
  type WrappedMaterial
} from "@trent/domain"
import { EventLog } from "@trent/event-log"
import { Clock, Effect } from "effect"
import { newKeyId, newMultiRegionKeyId } from "@trent/key-actors"
import { Authorization } from "./Authorization.ts"
import { KeyAccess } from "./KeyAccess.ts"
import { KeyActors } from "@trent/key-actors"
import { CustomKeyStores } from "./CustomKeyStores.ts"
import { makeExternalKeyCreation } from "./externalKeyCreation.ts"
import { KeyMaterials } from "@trent/key-actors"
import { KeyResolver } from "./KeyResolver.ts"
import { checkLimit, decodeMarker, encodeMarker, pageByIndex } from "./Pagination.ts"
import type { CreateKeyRequest, ListKeysEntry, Page, Paged, RegionOperationShapes } from "./RegionApi.ts"
import { RegionInternalError } from "@trent/key-actors"
import { answerOf } from "./changeAnswer.ts"

type KeyManagement = Pick<
  RegionOperationShapes,
  | "createKey" | "describeKey" | "listKeys" | "enableKey" | "disableKey" | "scheduleKeyDeletion" | "cancelKeyDeletion"
  | "updateKeyDescription" | "tagResource" | "untagResource" | "listResourceTags" | "putKeyPolicy" | "getKeyPolicy"
  | "listKeyPolicies"
>

const listKeysLimits = { list: "ListKeys", max: 1000, fallback: 100 }

/** No material: how an EXTERNAL key is created (it waits for ImportKeyMaterial). */
const noMaterial: WrappedMaterial = { materialId: "", wrapped: new Uint8Array() }
/** A placeholder for the dry decide that validates CreateKey before any KEK or material exists. */
const placeholderMaterial: WrappedMaterial = { materialId: "pending", wrapped: new Uint8Array() }

export const makeKeyManagementOperations = Effect.gen(function*() {
  const access = yield* KeyAccess
  const actors = yield* KeyActors
  const materials = yield* KeyMaterials
  const resolver = yield* KeyResolver
  const eventLog = yield* EventLog
  const webCrypto = yield* WebCrypto
  const authorization = yield* Authorization
  const externalKeys = yield* makeExternalKeyCreation
  const stores = yield* CustomKeyStores
  const { scope } = resolver

  /**
   * "The KMS keys in the disconnected external key store are in an UNAVAILABLE
   * key state (unless they are pending deletion)" (Disconnect an external key
   * store, Developer Guide).
   */
  const withStoreState = (metadata: KeyMetadata) =>
    metadata.customKeyStoreId === undefined || metadata.keyState === "PendingDeletion"
      ? Effect.succeed(metadata)
      : Effect.map(stores.lookup(metadata.customKeyStoreId), (store): KeyMetadata =>
        store?.connectionState === "CONNECTED" ? metadata : { ...metadata, keyState: "Unavailable" })

  const createKey = (request: CreateKeyRequest) =>
    Effect.gen(function*() {
      const keySpec = createKeySpec(request)
      if (typeof keySpec !== "string") return yield* keySpec
      yield* authorization.forRequest("kms:CreateKey", "*", {
        requestTags: Object.fromEntries((request.tags ?? []).map((tag) => [tag.tagKey, tag.tagValue])),
        ...(request.bypassPolicyLockoutSafetyCheck === undefined ? {} : { bypassPolicyLockoutSafetyCheck: request.bypassPolicyLockoutSafetyCheck })
      })
      const customKeyStore = yield* externalKeys.bindingFor(request)
      const keyId = yield* Effect.provideService(request.multiRegion === true ? newMultiRegionKeyId : newKeyId, WebCrypto, webCrypto)
      const external = request.origin === "EXTERNAL"
      const command = (now: number, material: WrappedMaterial): KeyCommand => ({
        _tag: "CreateKey",
        now,
        keyId,
        ...scope,
        keySpec,
        keyUsage: request.keyUsage ?? "ENCRYPT_DECRYPT",
        origin: request.origin ?? "AWS_KMS",
        multiRegion: request.multiRegion ?? false,
        description: request.description ?? "",
        policy: request.policy,
        tags: request.tags ?? [],
        material,
        ...(customKeyStore === undefined ? {} : { customKeyStore })
      })
      const { state } = yield* actors.execute(keyId, (state) =>
          Effect.gen(function*() {
            const now = yield* Clock.currentTimeMillis
            const dry = decideKey(state, command(now, external ? noMaterial : placeholderMaterial))
            if (isKeyRejection(dry)) return yield* Effect.fail(dry)
            if (request.policy !== undefined && request.bypassPolicyLockoutSafetyCheck !== true) {
              yield* authorization.lockoutCheck(request.policy, { keyArn: keyArn(scope, keyId), account: scope.account })
            }
            // An EXTERNAL key starts without material (PendingImport) but with its KEK, which wraps what is imported later.
            if (external) {
              yield* materials.createKek(keyId)
              return command(now, noMaterial)
            }
            const { wrapped } = yield* materials.newMaterial(keyId, keySpec, { createKek: true })
            return command(now, wrapped)
          }))
      return yield* answerOf("CreateKey", state)
    })

  const listKeys = (page: Page) =>
    Effect.gen(function*() {
      yield* authorization.forRequest("kms:ListKeys", "*")
      const invalid = checkLimit(page.limit, listKeysLimits)
      if (invalid !== undefined) return yield* invalid
      const after = decodeMarker(page.marker, listKeysLimits.list)
      if (typeof after === "object") return yield* after
      const size = page.limit ?? listKeysLimits.fallback
      const found: Array<ListKeysEntry> = []
      let cursor = after
      // Destroyed keys stay in the log as history but are gone from the API: skip them while filling the page.
      while (found.length <= size) {
        const rows = yield* eventLog.listStates("key", cursor, size + 1).pipe(
          Effect.mapError((cause) => new RegionInternalError({ message: "listing keys failed", cause }))
        )
        for (const row of rows) {
          const status = (row.state as { status?: string }).status
          if (status !== "Destroyed" && status !== "Absent") {
            found.push({ keyId: row.streamId, keyArn: `arn:${scope.partition}:kms:${scope.region}:${scope.account}:key/${row.streamId}` })
          }
        }
        if (rows.length < size + 1) break
        cursor = rows[rows.length - 1]!.streamId
      }
      const items = found.slice(0, size)
      const truncated = found.length > size
      const result: Paged<ListKeysEntry> = {
        items,
        truncated,
        nextMarker: truncated ? encodeMarker(listKeysLimits.list, items[items.length - 1]!.keyId) : undefined
      }
      return result
    })

  const simple = (operation: "EnableKey" | "DisableKey", keyId: string) =>
    access.change(keyId, operation, (_, now) => Effect.succeed({ _tag: operation, now } as KeyCommand)).pipe(Effect.asVoid)

  const operations = {
    createKey,
    listKeys,
    describeKey: ({ keyId, grantTokens }) =>
      access.read(keyId, "DescribeKey", (state) => withStoreState(keyMetadata(state)), { grantTokens }),
    enableKey: ({ keyId }) => simple("EnableKey", keyId),
    disableKey: ({ keyId }) => simple("DisableKey", keyId),
    scheduleKeyDeletion: ({ keyId, pendingWindowInDays }) =>
      access.change(keyId, "ScheduleKeyDeletion", (_, now) =>
        Effect.succeed<KeyCommand>({ _tag: "ScheduleKeyDeletion", now, pendingWindowInDays })).pipe(
          Effect.flatMap(({ state }) => answerOf("ScheduleKeyDeletion", state))
        ),
    cancelKeyDeletion: ({ keyId }) =>
      access.change(keyId, "CancelKeyDeletion", (_, now) => Effect.succeed<KeyCommand>({ _tag: "CancelKeyDeletion", now }))
        .pipe(Effect.flatMap(({ state }) => answerOf("CancelKeyDeletion", state))),
    updateKeyDescription: ({ keyId, description }) =>
      access.change(keyId, "UpdateKeyDescription", (_, now) =>
        Effect.succeed<KeyCommand>({ _tag: "UpdateKeyDescription", now, description })).pipe(Effect.asVoid),
    tagResource: ({ keyId, tags }) =>
      access.change(keyId, "TagResource", (_, now) => Effect.succeed<KeyCommand>({ _tag: "TagResource", now, tags }), {
        requestTags: Object.fromEntries(tags.map((tag) => [tag.tagKey, tag.tagValue]))
      }).pipe(Effect.asVoid),
    untagResource: ({ keyId, tagKeys }) =>
      access.change(keyId, "UntagResource", (_, now) => Effect.succeed<KeyCommand>({ _tag: "UntagResource", now, tagKeys }), {
        tagKeys
      }).pipe(Effect.asVoid),
    listResourceTags: ({ keyId, ...page }) =>
      access.read(keyId, "ListResourceTags", (state) =>
        fromPage(pageByIndex(state.key.tags, page, { list: "ListResourceTags", max: 50, fallback: 50 }))),
    putKeyPolicy: ({ keyId, policyName, policy, bypassPolicyLockoutSafetyCheck }) =>
      access.change(keyId, "PutKeyPolicy", (state, now) =>
        Effect.gen(function*() {
          const command: KeyCommand = { _tag: "PutKeyPolicy", now, policyName, policy }
          // The lockout check runs on a policy the domain accepts (§7.8): malformed documents get their own error first.
          const outcome = decideKey(state, command)
          if (isKeyRejection(outcome)) return yield* Effect.fail(outcome)
          if (bypassPolicyLockoutSafetyCheck !== true && state.status !== "Absent") {
            yield* authorization.lockoutCheck(policy, { keyArn: arnOfKey(state.key), account: state.key.account })
          }
          return command
        }), bypassPolicyLockoutSafetyCheck === undefined ? {} : { bypassPolicyLockoutSafetyCheck }).pipe(Effect.asVoid),
    getKeyPolicy: ({ keyId, policyName }) =>
      access.read(keyId, "GetKeyPolicy", (state) => {
        const missing = checkPolicyName(policyName)
        return missing === undefined
          ? Effect.succeed({ policy: state.key.policy, policyName: DEFAULT_POLICY_NAME })
          : Effect.fail(missing)
      }),
    listKeyPolicies: ({ keyId, ...page }) =>
      access.read(keyId, "ListKeyPolicies", () =>
        fromPage(pageByIndex([DEFAULT_POLICY_NAME], page, { list: "ListKeyPolicies", max: 1000, fallback: 100 })))
  } satisfies KeyManagement
  return operations
})

/** Lifts a pager's outcome (a page or its rejection) into an Effect. */
export const fromPage = <Item, E>(outcome: Paged<Item> | E): Effect.Effect<Paged<Item>, E> =>
  typeof outcome === "object" && outcome !== null && "items" in outcome
    ? Effect.succeed(outcome as Paged<Item>)
    : Effect.fail(outcome as E)
