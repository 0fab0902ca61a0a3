import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  type GetKeyRotationStatusCommandOutput,
  type KeyMetadata,
  ListResourceTagsCommand
} from "@aws-sdk/client-kms"
import { Console, Effect } from "effect"
import { kmsClient, kmsSettings } from "../kms/kmsClient.ts"
import { listAllAliases } from "../kms/listAll.ts"
import { sendKms } from "../kms/sendKms.ts"
import { formatOptionalInstant } from "../output/formatInstant.ts"
import { printJsonLine } from "../output/jsonLine.ts"
import { renderFields } from "../output/table.ts"
import type { DescribeInput } from "./describeCommand.ts"

type Rotation = Pick<GetKeyRotationStatusCommandOutput, "KeyRotationEnabled" | "RotationPeriodInDays" | "NextRotationDate">

const rotationText = (rotation: Rotation | undefined): string =>
  rotation === undefined
    ? "-"
    : rotation.KeyRotationEnabled === true
    ? `automatic every ${rotation.RotationPeriodInDays} days, next ${formatOptionalInstant(rotation.NextRotationDate?.getTime())}`
    : "automatic off"

const fields = (metadata: KeyMetadata, aliases: ReadonlyArray<string>, tags: ReadonlyArray<string>, rotation: Rotation | undefined) =>
  [
    ["Key id", metadata.KeyId ?? "-"],
    ["ARN", metadata.Arn ?? "-"],
    ["State", metadata.KeyState ?? "-"],
    ...(metadata.DeletionDate === undefined ? [] : [["Deletion date", formatOptionalInstant(metadata.DeletionDate.getTime())] as const]),
    ["Created", formatOptionalInstant(metadata.CreationDate?.getTime())],
    ["Description", metadata.Description || "-"],
    ["Spec", metadata.KeySpec ?? "-"],
    ["Usage", metadata.KeyUsage ?? "-"],
    ["Origin", metadata.Origin ?? "-"],
    ["Algorithms", [...metadata.EncryptionAlgorithms ?? [], ...metadata.SigningAlgorithms ?? [], ...metadata.MacAlgorithms ?? [], ...metadata.KeyAgreementAlgorithms ?? []].join(", ") || "-"],
    ["Current material", metadata.CurrentKeyMaterialId ?? "-"],
    ["Rotation", rotationText(rotation)],
    ["Aliases", aliases.length === 0 ? "-" : aliases.join(", ")],
    ["Tags", tags.length === 0 ? "-" : tags.join(", ")]
  ] as const

/** DescribeKey, ListAliases for the key, ListResourceTags and GetKeyRotationStatus, printed as fields or one JSON line. */
export const describeKey = Effect.fn("keys.describe")(function*(input: DescribeInput) {
  const settings = yield* kmsSettings(input)
  const kms = yield* kmsClient(settings)
  const send = <A>(call: () => Promise<A>) => sendKms(settings.endpoint, call)
  const { KeyMetadata: metadata } = yield* send(() => kms.send(new DescribeKeyCommand({ KeyId: input.key })))
  const keyId = metadata!.KeyId!
  const aliases = (yield* listAllAliases(kms, settings.endpoint, keyId)).map((alias) => alias.AliasName!).sort()
  const { Tags: tags = [] } = yield* send(() => kms.send(new ListResourceTagsCommand({ KeyId: keyId })))
  // Only symmetric encryption keys rotate; for the others AWS answers UnsupportedOperationException.
  const rotation = metadata!.KeySpec === "SYMMETRIC_DEFAULT"
    ? yield* send(() => kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).pipe(Effect.orElseSucceed(() => undefined))
    : undefined
  if (input.json) {
    const { KeyRotationEnabled, RotationPeriodInDays, NextRotationDate } = rotation ?? {}
    return yield* printJsonLine({ ...metadata, Aliases: aliases, Tags: tags, KeyRotationEnabled, RotationPeriodInDays, NextRotationDate })
  }
  yield* Console.log(renderFields(fields(metadata!, aliases, tags.map((tag) => `${tag.TagKey}=${tag.TagValue}`), rotation)))
}, Effect.scoped)
