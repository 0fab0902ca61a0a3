import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  type KMSClient,
  ListAliasesCommand,
  ListGrantsCommand,
  ListKeyRotationsCommand,
  ListResourceTagsCommand
} from "@aws-sdk/client-kms"
import type { KeyView } from "../history/KeyView.ts"

/**
 * One key, in the terms both sides can be put in: what the live API answers
 * (DescribeKey, GetKeyPolicy, ListResourceTags, ListAliases, ListGrants,
 * ListKeyRotations, GetKeyRotationStatus) and what `trent keys history`
 * replays from the log. Instants are ISO 8601; lists are sorted where the API
 * promises no order.
 */
export interface ComparableKey {
  readonly keyId: string
  readonly arn: string
  readonly state: string
  readonly enabled: boolean
  readonly description: string
  readonly keySpec: string
  readonly keyUsage: string
  readonly origin: string
  readonly multiRegion: boolean
  readonly createdAt: string
  readonly deletionDate: string | null
  readonly currentMaterialId: string | null
  readonly policy: string
  readonly tags: ReadonlyArray<string>
  readonly aliases: ReadonlyArray<string>
  readonly grants: ReadonlyArray<{
    readonly grantId: string
    readonly name: string | null
    readonly grantee: string
    readonly retiring: string | null
    readonly operations: ReadonlyArray<string>
    readonly issuingAccount: string
    readonly createdAt: string
  }>
  readonly materials: ReadonlyArray<{
    readonly materialId: string
    readonly current: boolean
    readonly rotationDate: string | null
    readonly rotationType: string | null
  }>
  readonly rotation: { readonly enabled: boolean; readonly periodInDays: number | null; readonly nextRotationAt: string | null }
}

const iso = (date: Date | undefined): string | null => (date === undefined ? null : date.toISOString())
const byGrantId = <A extends { grantId: string }>(a: A, b: A) => (a.grantId < b.grantId ? -1 : 1)

/** The live view of one key, read through the AWS SDK. */
export const liveKey = async (kms: KMSClient, keyId: string): Promise<ComparableKey> => {
  const [described, policy, tags, aliases, grants, rotations, rotation] = await Promise.all([
    kms.send(new DescribeKeyCommand({ KeyId: keyId })),
    kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: "default" })),
    kms.send(new ListResourceTagsCommand({ KeyId: keyId })),
    kms.send(new ListAliasesCommand({ KeyId: keyId })),
    kms.send(new ListGrantsCommand({ KeyId: keyId })),
    kms.send(new ListKeyRotationsCommand({ KeyId: keyId, IncludeKeyMaterial: "ALL_KEY_MATERIAL" })),
    kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))
  ])
  const m = described.KeyMetadata!
  return {
    keyId: m.KeyId!,
    arn: m.Arn!,
    state: m.KeyState!,
    enabled: m.Enabled!,
    description: m.Description ?? "",
    keySpec: m.KeySpec!,
    keyUsage: m.KeyUsage!,
    origin: m.Origin!,
    multiRegion: m.MultiRegion ?? false,
    createdAt: iso(m.CreationDate)!,
    deletionDate: iso(m.DeletionDate),
    currentMaterialId: m.CurrentKeyMaterialId ?? null,
    policy: policy.Policy!,
    tags: (tags.Tags ?? []).map((tag) => `${tag.TagKey}=${tag.TagValue}`).sort(),
    aliases: (aliases.Aliases ?? []).map((alias) => alias.AliasName!).sort(),
    grants: (grants.Grants ?? []).map((grant) => ({
      grantId: grant.GrantId!,
      name: grant.Name || null,
      grantee: grant.GranteePrincipal!,
      retiring: grant.RetiringPrincipal ?? null,
      operations: [...grant.Operations ?? []].sort(),
      issuingAccount: grant.IssuingAccount!,
      createdAt: iso(grant.CreationDate)!
    })).sort(byGrantId),
    materials: (rotations.Rotations ?? []).map((entry) => ({
      materialId: entry.KeyMaterialId!,
      current: entry.KeyMaterialState === "CURRENT",
      rotationDate: iso(entry.RotationDate),
      rotationType: entry.RotationType ?? null
    })),
    rotation: {
      enabled: rotation.KeyRotationEnabled ?? false,
      periodInDays: rotation.RotationPeriodInDays ?? null,
      nextRotationAt: iso(rotation.NextRotationDate)
    }
  }
}

/** The replayed view of the same key, as the API would show it. */
export const replayedKey = (view: KeyView): ComparableKey => {
  // GetKeyRotationStatus reads false while a key is pending deletion (https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html); the log keeps the setting.
  const rotating = view.rotation.enabled && view.state !== "PendingDeletion"
  return {
    keyId: view.keyId,
    arn: view.arn,
    state: view.state,
    enabled: view.state === "Enabled",
    description: view.description,
    keySpec: view.keySpec,
    keyUsage: view.keyUsage,
    origin: view.origin,
    multiRegion: view.multiRegion,
    createdAt: view.createdAt,
    deletionDate: view.deletionDate,
    currentMaterialId: view.versions.find((version) => version.current)?.materialId ?? null,
    policy: view.policy,
    tags: view.tags.map((tag) => `${tag.tagKey}=${tag.tagValue}`).sort(),
    aliases: [...view.aliases],
    grants: view.grants.map((grant) => ({
      grantId: grant.grantId,
      name: grant.name,
      grantee: grant.granteePrincipal,
      retiring: grant.retiringPrincipal,
      operations: [...grant.operations].sort(),
      issuingAccount: grant.issuingAccount,
      createdAt: grant.createdAt
    })).sort(byGrantId),
    materials: view.versions.map((version) => ({
      materialId: version.materialId,
      current: version.current,
      rotationDate: version.rotationType === null ? null : version.createdAt,
      rotationType: version.rotationType
    })),
    rotation: {
      enabled: rotating,
      periodInDays: rotating ? view.rotation.periodInDays : null,
      nextRotationAt: rotating ? view.rotation.nextRotationAt : null
    }
  }
}
