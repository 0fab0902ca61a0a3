import { generateRandomBytes, WebCrypto } from "@trent/crypto"
import {
  accountRootArn,
  arnOfKey,
  decideKey,
  decodeGrantToken,
  decodeKeySnapshot,
  dryRunSucceeded,
  encodeGrantToken,
  equivalentGrant,
  type Grant,
  InvalidGrantId,
  InvalidGrantToken,
  InvalidRequest,
  isKeyRejection,
  type Key,
  type KeyCommand,
  type LiveKey
} from "@trent/domain"
import { EventLog } from "@trent/event-log"
import { Effect } from "effect"
import { Authorization } from "./Authorization.ts"
import { KeyAccess } from "./KeyAccess.ts"
import { fromPage } from "./keyManagementOperations.ts"
import { pageByIndex } from "./Pagination.ts"
import type { RegionOperationShapes } from "./RegionApi.ts"
import { RegionInternalError } from "@trent/key-actors"
import { currentCaller } from "@trent/key-actors"
import type { GrantListEntry } from "@trent/protocol"

type Grants = Pick<RegionOperationShapes, "createGrant" | "listGrants" | "listRetirableGrants" | "retireGrant" | "revokeGrant">

const grantListLimits = (list: string) => ({ list, max: 100, fallback: 50 })
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")

const listEntry = (key: LiveKey["key"], grant: Grant): GrantListEntry => ({
  keyId: arnOfKey(key),
  grantId: grant.grantId,
  name: grant.name,
  creationDate: grant.createdAt,
  granteePrincipal: grant.granteePrincipal,
  retiringPrincipal: grant.retiringPrincipal,
  issuingAccount: grant.issuingAccount,
  operations: grant.operations,
  constraints: grant.constraints
})

/**
 * Grants (aws-kms-api.md §3.7, §7.5): events in the key's log, effective at
 * once, so a grant token only has to be well-formed. Who may retire a grant is
 * the grant's own rule: its retiring principal, its grantee when it lists
 * RetireGrant, or a principal of the issuing account allowed kms:RetireGrant.
 */
export const makeGrantOperations = Effect.gen(function*() {
  const access = yield* KeyAccess
  const authorization = yield* Authorization
  const eventLog = yield* EventLog
  const webCrypto = yield* WebCrypto
  const random = (bytes: number) =>
    generateRandomBytes(bytes).pipe(
      Effect.map(hex),
      Effect.mapError((cause) => new RegionInternalError({ message: "random generation failed", cause })),
      Effect.provideService(WebCrypto, webCrypto)
    )

  const caller = currentCaller

  /**
   * RetireGrant's own rule (KMS Developer Guide, "Retiring and revoking
   * grants"): the retiring principal, or the grantee when the grant lists
   * RetireGrant, may retire it; anyone else needs kms:RetireGrant from policy.
   */
  const mayRetire = (key: LiveKey["key"], grant: Grant, reference: string) =>
    Effect.gen(function*() {
      const who = yield* caller
      if (who === undefined) return
      const arn = who.principal.arn
      if (grant.retiringPrincipal === arn) return
      if (grant.granteePrincipal === arn && grant.operations.includes("RetireGrant")) return
      return yield* authorization.forKey(key, "RetireGrant", reference)
    })

  const retire = (keyReference: string, grantId: string, dryRun: boolean | undefined) =>
    access.change(keyReference, "RetireGrant", (state, now) =>
      Effect.gen(function*() {
        const live = state as LiveKey
        const grant = live.key.grants.find((each) => each.grantId === grantId)
        if (grant === undefined) return yield* new InvalidGrantId({ message: `Grant ID ${grantId} not found` })
        yield* mayRetire(live.key, grant, keyReference)
        if (dryRun === true) return yield* dryRunSucceeded
        const retiredBy = (yield* caller)?.principal.arn ?? "trent:region"
        return { _tag: "RetireGrant", now, grantId, retiredBy } satisfies KeyCommand
      }), { authorizedByOperation: true }).pipe(Effect.asVoid)

  const operations = {
    createGrant: (request) =>
      Effect.gen(function*() {
        const who = yield* caller
        const grantId = yield* random(32)
        const constraints = request.constraints
        const constraintType = constraints?.encryptionContextEquals !== undefined
          ? "EncryptionContextEquals"
          : constraints?.encryptionContextSubset !== undefined ? "EncryptionContextSubset" : undefined
        const { state } = yield* access.change(request.keyId, "CreateGrant", (state: Key, now) =>
          Effect.gen(function*() {
            const live = state as LiveKey
            const grant: Grant = {
              grantId,
              granteePrincipal: request.granteePrincipal,
              ...(request.retiringPrincipal === undefined ? {} : { retiringPrincipal: request.retiringPrincipal }),
              operations: request.operations,
              ...(constraints === undefined ? {} : { constraints }),
              issuingAccount: accountRootArn({ ...live.key, account: who?.principal.account ?? live.key.account }),
              ...(request.name === undefined ? {} : { name: request.name }),
              createdAt: now
            }
            const command: KeyCommand = { _tag: "CreateGrant", now, grant }
            if (request.dryRun === true) {
              const outcome = decideKey(state, command)
              return yield* isKeyRejection(outcome) ? Effect.fail(outcome) : dryRunSucceeded
            }
            return command
          }), {
          grantTokens: request.grantTokens,
          grantOperations: request.operations,
          granteePrincipal: request.granteePrincipal,
          ...(request.retiringPrincipal === undefined ? {} : { retiringPrincipal: request.retiringPrincipal }),
          ...(constraintType === undefined ? {} : { grantConstraintType: constraintType }),
          grantIsForAwsResource: false,
          childGrant: { operations: request.operations, constraints }
        })
        const live = state as LiveKey
        const created = live.key.grants.find((grant) => grant.grantId === grantId)
        const existing = created ?? equivalentGrant(live.key.grants, {
          grantId,
          granteePrincipal: request.granteePrincipal,
          ...(request.retiringPrincipal === undefined ? {} : { retiringPrincipal: request.retiringPrincipal }),
          operations: request.operations,
          ...(constraints === undefined ? {} : { constraints }),
          issuingAccount: accountRootArn({ ...live.key, account: who?.principal.account ?? live.key.account }),
          ...(request.name === undefined ? {} : { name: request.name }),
          createdAt: 0
        })
        if (existing === undefined) return yield* new RegionInternalError({ message: "CreateGrant recorded no grant" })
        const grantToken = encodeGrantToken({ keyArn: arnOfKey(live.key), grantId: existing.grantId }, yield* random(16))
        return { grantToken, grantId: existing.grantId }
      }),
    listGrants: ({ keyId, grantId, granteePrincipal, ...page }) =>
      access.read(keyId, "ListGrants", (state) =>
        fromPage(pageByIndex(
          state.key.grants
            .filter((grant) => (grantId === undefined || grant.grantId === grantId) &&
              (granteePrincipal === undefined || grant.granteePrincipal === granteePrincipal))
            .map((grant) => listEntry(state.key, grant)),
          page,
          grantListLimits("ListGrants")
        ))),
    listRetirableGrants: ({ retiringPrincipal, ...page }) =>
      Effect.gen(function*() {
        yield* authorization.forRequest("kms:ListRetirableGrants", "*")
        const entries: Array<GrantListEntry> = []
        let after: string | undefined
        for (;;) {
          const rows = yield* eventLog.listStates("key", after, 1000).pipe(
            Effect.mapError((cause) => new RegionInternalError({ message: "listing keys failed", cause }))
          )
          for (const row of rows) {
            const state = decodeKeySnapshot(row.state)
            if (state.status === "Absent" || state.status === "Destroyed") continue
            for (const grant of state.key.grants) {
              if (grant.retiringPrincipal === retiringPrincipal) entries.push(listEntry(state.key, grant))
            }
          }
          if (rows.length < 1000) break
          after = rows[rows.length - 1]!.streamId
        }
        return yield* fromPage(pageByIndex(entries, page, grantListLimits("ListRetirableGrants")))
      }),
    retireGrant: ({ grantToken, keyId, grantId, dryRun }) =>
      Effect.gen(function*() {
        if (grantToken !== undefined) {
          const claims = decodeGrantToken(grantToken)
          if (claims === undefined) return yield* new InvalidGrantToken({ message: "Invalid grant token." })
          return yield* retire(claims.keyArn, claims.grantId, dryRun)
        }
        if (keyId === undefined || grantId === undefined) {
          return yield* new InvalidRequest({ message: "Either GrantToken, or both KeyId and GrantId, must be specified." })
        }
        return yield* retire(keyId, grantId, dryRun)
      }),
    revokeGrant: ({ keyId, grantId, dryRun }) =>
      access.change(keyId, "RevokeGrant", (state, now) =>
        Effect.gen(function*() {
          const command: KeyCommand = { _tag: "RevokeGrant", now, grantId }
          if (dryRun === true) {
            const live = state as LiveKey
            if (!live.key.grants.some((grant) => grant.grantId === grantId)) {
              return yield* new InvalidGrantId({ message: `Grant ID ${grantId} not found` })
            }
            return yield* dryRunSucceeded
          }
          return command
        })).pipe(Effect.asVoid)
  } satisfies Grants
  return operations
})
