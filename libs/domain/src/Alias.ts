import { Schema } from "effect"
import { AliasAlreadyExists, type AliasRejection, KeyNotFound } from "./KeyErrors.ts"
import { checkAliasName } from "./AliasName.ts"

/** Facts about one alias; each alias is its own stream (`alias/<name>`) in the Region's log. */
export const AliasCreated = Schema.TaggedStruct("AliasCreated", {
  at: Schema.Number,
  aliasName: Schema.String,
  targetKeyId: Schema.String
})
export const AliasRetargeted = Schema.TaggedStruct("AliasRetargeted", { at: Schema.Number, targetKeyId: Schema.String })
export const AliasDeleted = Schema.TaggedStruct("AliasDeleted", { at: Schema.Number })
export const AliasEvent = Schema.Union([AliasCreated, AliasRetargeted, AliasDeleted])
export type AliasEvent = typeof AliasEvent.Type

/**
 * Commands carry the alias ARN for AWS's messages. Checks on the target key
 * (exists, state, kind, the 50-aliases limit) cross aggregates and are made by
 * the Region with `checkAliasTarget` before the command reaches `decideAlias`.
 */
export interface CreateAlias {
  readonly _tag: "CreateAlias"
  readonly now: number
  readonly aliasName: string
  readonly aliasArn: string
  readonly targetKeyId: string
  /** Trent naming an AWS managed key: the one writer allowed in the reserved `alias/aws/` space. */
  readonly awsManaged?: true
}
export interface UpdateAlias {
  readonly _tag: "UpdateAlias"
  readonly now: number
  readonly aliasArn: string
  readonly targetKeyId: string
}
export interface DeleteAlias {
  readonly _tag: "DeleteAlias"
  readonly now: number
  readonly aliasArn: string
}
export type AliasCommand = CreateAlias | UpdateAlias | DeleteAlias

export type Alias =
  | { readonly status: "Absent" }
  | {
    readonly status: "Active"
    readonly aliasName: string
    readonly targetKeyId: string
    readonly createdAt: number
    readonly updatedAt: number
  }

export const initialAlias: Alias = { status: "Absent" }

const aliasNotFound = (aliasArn: string): KeyNotFound => new KeyNotFound({ message: `Alias ${aliasArn} is not found.` })

export const decideAlias = (state: Alias, command: AliasCommand): ReadonlyArray<AliasEvent> | AliasRejection => {
  switch (command._tag) {
    case "CreateAlias": {
      const invalid = checkAliasName(command.aliasName)
      if (invalid !== undefined && !(invalid._tag === "AliasReserved" && command.awsManaged === true)) return invalid
      if (state.status === "Active") {
        return new AliasAlreadyExists({ message: `An alias with the name ${command.aliasArn} already exists` })
      }
      return [{ _tag: "AliasCreated", at: command.now, aliasName: command.aliasName, targetKeyId: command.targetKeyId }]
    }
    case "UpdateAlias":
      if (state.status === "Absent") return aliasNotFound(command.aliasArn)
      return [{ _tag: "AliasRetargeted", at: command.now, targetKeyId: command.targetKeyId }]
    case "DeleteAlias":
      if (state.status === "Absent") return aliasNotFound(command.aliasArn)
      return [{ _tag: "AliasDeleted", at: command.now }]
  }
}

export const evolveAlias = (state: Alias, event: AliasEvent): Alias => {
  switch (event._tag) {
    case "AliasCreated":
      return {
        status: "Active",
        aliasName: event.aliasName,
        targetKeyId: event.targetKeyId,
        createdAt: event.at,
        updatedAt: event.at
      }
    case "AliasRetargeted":
      return state.status === "Absent" ? state : { ...state, targetKeyId: event.targetKeyId, updatedAt: event.at }
    case "AliasDeleted":
      return initialAlias
  }
}

export const isAliasRejection = (
  outcome: ReadonlyArray<AliasEvent> | AliasRejection
): outcome is AliasRejection => !Array.isArray(outcome)
