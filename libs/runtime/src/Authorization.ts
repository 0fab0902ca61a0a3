import { arnOfKey, decodeGrantToken, GrantOperations, InvalidGrantToken, type KeyRecord, type MalformedPolicyDocument } from "@trent/domain"
import {
  accessDeniedMessage,
  authorize,
  type Conditions,
  type GrantConstraints,
  type GrantOperation,
  grantAllows,
  grantAllowsChildGrant,
  lockoutSafetyCheck,
  parsePolicy,
  type PolicyDocument,
  type RequestFacts,
  requestConditions
} from "@trent/policy"
import { Clock, Context, Effect, Layer, Result } from "effect"
import { AliasDirectory } from "./AliasDirectory.ts"
import { RegionConfig } from "@trent/key-actors"
import { AccessDenied } from "@trent/key-actors"
import { type Caller, currentCaller } from "@trent/key-actors"

/**
 * What an operation tells authorization about itself: the IAM action when it
 * is not `kms:<Operation>` (ReEncrypt is kms:ReEncryptFrom on the source and
 * kms:ReEncryptTo on the destination), the request's condition facts
 * (encryption context, algorithms, grant parameters…) and its grant tokens.
 */
export interface OperationFacts extends Omit<
  RequestFacts,
  "caller" | "now" | "sourceIp" | "secureTransport" | "keySpec" | "keyUsage" | "keyOrigin" | "resourceAliases" | "resourceTags"
> {
  readonly action?: string | undefined
  readonly grantTokens?: ReadonlyArray<string> | undefined
  /** UntagResource's tag keys (aws:TagKeys) when the request carries keys without values. */
  readonly tagKeys?: ReadonlyArray<string> | undefined
  /** The operation makes its own access decision (RetireGrant: the grant's retiring principal or grantee). */
  readonly authorizedByOperation?: boolean | undefined
  /** CreateGrant's new grant: a grantee may pass on only what its own grant allows. */
  readonly childGrant?: { readonly operations: ReadonlyArray<GrantOperation>; readonly constraints?: GrantConstraints | undefined }
}

const POLICY_CACHE_LIMIT = 4096

/** aws:TagKeys for a request that names tag keys without values (UntagResource). */
const withTagKeys = (tagKeys: ReadonlyArray<string> | undefined, conditions: Conditions): Conditions =>
  tagKeys === undefined || tagKeys.length === 0 ? conditions : { ...conditions, "aws:TagKeys": [...tagKeys] }
const ALLOWS_NOTHING: PolicyDocument = { kind: "key", statements: [] }

/**
 * Every request's access decision (ARCHITECTURE.md, a request's path, step 4):
 * the key policy, the caller's identity policies and the key's grants, decided
 * by @trent/policy exactly as AWS KMS decides. Trent acting for itself (a
 * SystemActor: the scheduler) is not checked; a request without any
 * RequestContext dies (RequestContext.ts).
 */
export class Authorization extends Context.Service<Authorization, {
  /** An operation on a key the Region resolved from `reference`. */
  forKey(key: KeyRecord, operation: string, reference: string, facts?: OperationFacts): Effect.Effect<void, AccessDenied | InvalidGrantToken>
  /** An operation on no key (CreateKey, ListKeys, GenerateRandom…), or on an alias: identity policies alone. */
  forRequest(action: string, resource: string, facts?: OperationFacts): Effect.Effect<void, AccessDenied>
  /** The lockout safety check of CreateKey and PutKeyPolicy (aws-kms-api.md §7.8), for the calling principal. */
  lockoutCheck(policy: string, key: { readonly keyArn: string; readonly account: string }): Effect.Effect<void, MalformedPolicyDocument>
}>()("@trent/runtime/Authorization") {
  static readonly layer = Layer.effect(Authorization, Effect.gen(function*() {
    const config = yield* RegionConfig
    const aliases = yield* AliasDirectory
    const parsedPolicies = new Map<string, PolicyDocument | undefined>()

    /** A key policy, parsed once. One that no longer parses allows nothing (deny is the safe reading). */
    const keyPolicy = (text: string): PolicyDocument | undefined => {
      if (parsedPolicies.has(text)) return parsedPolicies.get(text)
      if (parsedPolicies.size >= POLICY_CACHE_LIMIT) parsedPolicies.clear()
      const parsed = Result.getOrUndefined(parsePolicy(text, "key"))
      parsedPolicies.set(text, parsed)
      return parsed
    }

    const callerFacts = (caller: Caller, now: number): RequestFacts => ({
      caller: caller.principal,
      now,
      ...(caller.sourceIp === undefined ? {} : { sourceIp: caller.sourceIp }),
      ...(caller.secureTransport === undefined ? {} : { secureTransport: caller.secureTransport })
    })

    // kms:ResourceAliases costs a scan of the alias directory: only for policies that name it. A principal's
    // policies are one array for the life of the credentials, so the answer is kept per array.
    const identityMentions = new WeakMap<ReadonlyArray<PolicyDocument>, boolean>()
    const mentionsAliases = (key: KeyRecord, caller: Caller) => {
      if (/resourcealiases/i.test(key.policy)) return true
      let mentioned = identityMentions.get(caller.identityPolicies)
      if (mentioned === undefined) {
        mentioned = /resourcealiases/i.test(JSON.stringify(caller.identityPolicies))
        identityMentions.set(caller.identityPolicies, mentioned)
      }
      return mentioned
    }

    const checkGrantTokens = (tokens: ReadonlyArray<string> | undefined) => {
      const bad = (tokens ?? []).find((token) => decodeGrantToken(token) === undefined)
      return bad === undefined ? Effect.void : Effect.fail(new InvalidGrantToken({ message: "Invalid grant token." }))
    }

    const denied = (caller: Caller, action: string, resource: string, reason: Parameters<typeof accessDeniedMessage>[3]) =>
      Effect.fail(new AccessDenied({ message: accessDeniedMessage(caller.principal.arn, action, resource, reason) }))

    const forKey = (key: KeyRecord, operation: string, reference: string, facts: OperationFacts = {}) =>
      Effect.gen(function*() {
        yield* checkGrantTokens(facts.grantTokens)
        const caller = yield* currentCaller
        if (caller === undefined || facts.authorizedByOperation === true) return
        const now = yield* Clock.currentTimeMillis
        const action = facts.action ?? `kms:${operation}`
        const resource = arnOfKey(key)
        const { action: _, grantTokens: __, childGrant, authorizedByOperation: ___, tagKeys, ...operationFacts } = facts
        const resourceAliases = mentionsAliases(key, caller)
          ? (yield* aliases.list).filter((alias) => alias.targetKeyId === key.keyId).map((alias) => alias.aliasName)
          : undefined
        const requestAlias = reference.startsWith("alias/")
          ? reference
          : /^arn:[^:]+:kms:[^:]*:\d{12}:alias\//.test(reference) ? reference.slice(reference.indexOf(":alias/") + 1) : undefined
        const conditions = withTagKeys(tagKeys, requestConditions({
          ...callerFacts(caller, now),
          ...operationFacts,
          keySpec: key.keySpec,
          keyUsage: key.keyUsage,
          keyOrigin: key.origin,
          resourceTags: Object.fromEntries(key.tags.map((tag) => [tag.tagKey, tag.tagValue])),
          ...(requestAlias === undefined ? {} : { requestAlias }),
          ...(resourceAliases === undefined ? {} : { resourceAliases })
        }))
        const grantOperation = action.slice(4) as GrantOperation
        const viaGrant = childGrant !== undefined
          ? grantAllowsChildGrant(key.grants, { principalArn: caller.principal.arn, ...childGrant })
          : (GrantOperations as ReadonlyArray<string>).includes(grantOperation) &&
            grantAllows(key.grants, {
              principalArn: caller.principal.arn,
              operation: grantOperation,
              ...(operationFacts.encryptionContext === undefined ? {} : { encryptionContext: operationFacts.encryptionContext })
            })
        const decision = authorize({
          keyPolicy: keyPolicy(key.policy) ?? ALLOWS_NOTHING,
          keyAccount: key.account,
          identityPolicies: caller.identityPolicies,
          grantAllows: viaGrant,
          request: { principal: caller.principal, action, resource, conditions }
        })
        if (decision.decision === "Deny") return yield* denied(caller, action, resource, decision.reason)
      })

    const forRequest = (action: string, resource: string, facts: OperationFacts = {}) =>
      Effect.gen(function*() {
        const caller = yield* currentCaller
        if (caller === undefined) return
        const now = yield* Clock.currentTimeMillis
        const { action: _, grantTokens: __, childGrant: ___, authorizedByOperation: ____, tagKeys: _____, ...operationFacts } = facts
        const decision = authorize({
          keyAccount: config.account,
          identityPolicies: caller.identityPolicies,
          grantAllows: false,
          request: {
            principal: caller.principal,
            action,
            resource,
            conditions: requestConditions({ ...callerFacts(caller, now), ...operationFacts })
          }
        })
        if (decision.decision === "Deny") return yield* denied(caller, action, resource, decision.reason)
      })

    const lockoutCheck = (policy: string, key: { readonly keyArn: string; readonly account: string }) =>
      Effect.gen(function*() {
        const caller = yield* currentCaller
        const parsed = keyPolicy(policy)
        if (caller === undefined || parsed === undefined) return
        const now = yield* Clock.currentTimeMillis
        const checked = lockoutSafetyCheck({
          newPolicy: parsed,
          caller: caller.principal,
          callerIdentityPolicies: caller.identityPolicies,
          keyAccount: key.account,
          keyArn: key.keyArn,
          conditions: requestConditions(callerFacts(caller, now))
        })
        if (Result.isFailure(checked)) return yield* Effect.fail(checked.failure)
      })

    return Authorization.of({ forKey, forRequest, lockoutCheck })
  }))
}
