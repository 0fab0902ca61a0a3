import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  type GrantOperation,
  type KMSClient,
  ListGrantsCommand,
  PutKeyPolicyCommand,
  RevokeGrantCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateKeyDescriptionCommand
} from "@aws-sdk/client-kms"
import * as fc from "fast-check"

/**
 * The operations the history property drives a server with, as data. `key`,
 * `target` and `grant` are indexes into what exists when the operation runs
 * (taken modulo), so every generated sequence is meaningful whatever happened
 * before it; an operation the key's state refuses is part of the test too (it
 * must leave no event).
 */
export type KeyOperation =
  | { readonly op: "CreateKey"; readonly description: string; readonly tags: ReadonlyArray<readonly [string, string]> }
  | { readonly op: "DisableKey" | "EnableKey" | "RotateKeyOnDemand" | "CancelKeyDeletion" | "DisableKeyRotation"; readonly key: number }
  | { readonly op: "UpdateKeyDescription"; readonly key: number; readonly description: string }
  | { readonly op: "TagResource"; readonly key: number; readonly tags: ReadonlyArray<readonly [string, string]> }
  | { readonly op: "UntagResource"; readonly key: number; readonly tagKeys: ReadonlyArray<string> }
  | { readonly op: "PutKeyPolicy"; readonly key: number; readonly sid: string }
  | { readonly op: "CreateAlias" | "UpdateAlias"; readonly alias: number; readonly target: number }
  | { readonly op: "DeleteAlias"; readonly alias: number }
  | { readonly op: "CreateGrant"; readonly key: number; readonly grantee: number; readonly operations: ReadonlyArray<GrantOperation>; readonly name: string | null }
  | { readonly op: "RevokeGrant"; readonly key: number; readonly grant: number }
  | { readonly op: "ScheduleKeyDeletion"; readonly key: number; readonly days: number }
  | { readonly op: "EnableKeyRotation"; readonly key: number; readonly periodInDays: number }

const index = fc.nat({ max: 7 })
const text = fc.stringMatching(/^[a-zA-Z0-9 ._-]{0,24}$/)
const tagKeys = fc.constantFrom("team", "stage", "owner", "cost")
const tags = fc.array(fc.tuple(tagKeys, fc.stringMatching(/^[a-z0-9]{0,8}$/)), { minLength: 1, maxLength: 3 })
  .map((pairs) => [...new Map(pairs)])

export const keyOperation: fc.Arbitrary<KeyOperation> = fc.oneof(
  fc.record({ op: fc.constant("CreateKey" as const), description: text, tags: fc.oneof(fc.constant([]), tags) }),
  fc.record({ op: fc.constantFrom("DisableKey", "EnableKey", "RotateKeyOnDemand", "CancelKeyDeletion", "DisableKeyRotation"), key: index }),
  fc.record({ op: fc.constant("UpdateKeyDescription" as const), key: index, description: text }),
  fc.record({ op: fc.constant("TagResource" as const), key: index, tags }),
  fc.record({ op: fc.constant("UntagResource" as const), key: index, tagKeys: fc.uniqueArray(tagKeys, { minLength: 1, maxLength: 2 }) }),
  fc.record({ op: fc.constant("PutKeyPolicy" as const), key: index, sid: fc.stringMatching(/^[A-Za-z0-9]{1,12}$/) }),
  fc.record({ op: fc.constantFrom("CreateAlias", "UpdateAlias"), alias: fc.nat({ max: 2 }), target: index }),
  fc.record({ op: fc.constant("DeleteAlias" as const), alias: fc.nat({ max: 2 }) }),
  fc.record({
    op: fc.constant("CreateGrant" as const),
    key: index,
    grantee: fc.nat({ max: 2 }),
    operations: fc.uniqueArray(fc.constantFrom<GrantOperation>("Encrypt", "Decrypt", "GenerateDataKey", "DescribeKey", "ReEncryptFrom"), { minLength: 1, maxLength: 3 }),
    name: fc.option(fc.stringMatching(/^[a-zA-Z0-9:/_-]{1,12}$/), { nil: null })
  }),
  fc.record({ op: fc.constant("RevokeGrant" as const), key: index, grant: index }),
  fc.record({ op: fc.constant("ScheduleKeyDeletion" as const), key: index, days: fc.integer({ min: 7, max: 30 }) }),
  fc.record({ op: fc.constant("EnableKeyRotation" as const), key: index, periodInDays: fc.integer({ min: 90, max: 2560 }) })
)

const account = "111122223333"
const policy = (sid: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: sid, Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }]
  })

/** A run's keys and aliases: aliases are named per run, so runs on one server never collide. */
export interface RunWorld {
  readonly keys: Array<string>
  readonly aliasPrefix: string
}

export const createKey = async (kms: KMSClient, description: string, tagPairs: ReadonlyArray<readonly [string, string]>) =>
  (await kms.send(new CreateKeyCommand({ Description: description, Tags: tagPairs.map(([TagKey, TagValue]) => ({ TagKey, TagValue })) })))
    .KeyMetadata!.KeyId!

/** Runs one operation; an AWS error (a state the operation is refused in) is an outcome, not a failure. */
export const applyOperation = async (kms: KMSClient, world: RunWorld, operation: KeyOperation): Promise<void> => {
  const key = "key" in operation ? world.keys[operation.key % world.keys.length]! : ""
  const alias = "alias" in operation ? `${world.aliasPrefix}-${operation.alias}` : ""
  const send = async (call: () => Promise<unknown>) => {
    try {
      await call()
    } catch (error) {
      if ((error as { $fault?: unknown }).$fault === undefined) throw error
    }
  }
  switch (operation.op) {
    case "CreateKey":
      return void world.keys.push(await createKey(kms, operation.description, operation.tags))
    case "DisableKey":
      return send(() => kms.send(new DisableKeyCommand({ KeyId: key })))
    case "EnableKey":
      return send(() => kms.send(new EnableKeyCommand({ KeyId: key })))
    case "RotateKeyOnDemand":
      return send(() => kms.send(new RotateKeyOnDemandCommand({ KeyId: key })))
    case "CancelKeyDeletion":
      return send(() => kms.send(new CancelKeyDeletionCommand({ KeyId: key })))
    case "DisableKeyRotation":
      return send(() => kms.send(new DisableKeyRotationCommand({ KeyId: key })))
    case "EnableKeyRotation":
      return send(() => kms.send(new EnableKeyRotationCommand({ KeyId: key, RotationPeriodInDays: operation.periodInDays })))
    case "UpdateKeyDescription":
      return send(() => kms.send(new UpdateKeyDescriptionCommand({ KeyId: key, Description: operation.description })))
    case "TagResource":
      return send(() => kms.send(new TagResourceCommand({ KeyId: key, Tags: operation.tags.map(([TagKey, TagValue]) => ({ TagKey, TagValue })) })))
    case "UntagResource":
      return send(() => kms.send(new UntagResourceCommand({ KeyId: key, TagKeys: [...operation.tagKeys] })))
    case "PutKeyPolicy":
      return send(() => kms.send(new PutKeyPolicyCommand({ KeyId: key, PolicyName: "default", Policy: policy(operation.sid) })))
    case "CreateAlias":
    case "UpdateAlias": {
      const TargetKeyId = world.keys[operation.target % world.keys.length]!
      const Command = operation.op === "CreateAlias" ? CreateAliasCommand : UpdateAliasCommand
      return send(() => kms.send(new Command({ AliasName: alias, TargetKeyId })))
    }
    case "DeleteAlias":
      return send(() => kms.send(new DeleteAliasCommand({ AliasName: alias })))
    case "CreateGrant":
      return send(() => kms.send(new CreateGrantCommand({
        KeyId: key,
        GranteePrincipal: `arn:aws:iam::${account}:role/grantee-${operation.grantee}`,
        Operations: [...operation.operations],
        ...(operation.name === null ? {} : { Name: operation.name })
      })))
    case "RevokeGrant": {
      const grants = (await kms.send(new ListGrantsCommand({ KeyId: key }))).Grants ?? []
      if (grants.length === 0) return
      const GrantId = grants[operation.grant % grants.length]!.GrantId!
      return send(() => kms.send(new RevokeGrantCommand({ KeyId: key, GrantId })))
    }
    case "ScheduleKeyDeletion":
      return send(() => kms.send(new ScheduleKeyDeletionCommand({ KeyId: key, PendingWindowInDays: operation.days })))
  }
}
