/**
 * The wire shapes of the API model (botocore `kms/2014-11-01/service-2.json`), as
 * data: each request is a structure of members, each member a string, integer,
 * boolean, timestamp, blob, list, string map or structure with the model's constraints.
 * One description drives decoding, validation messages and the test
 * arbitraries; the decoded TypeScript type is inferred from it.
 *
 * Member names are the lowerCamelCase form AWS uses in validation paths
 * (`keyId`); the JSON member is the same name with its first letter upper-cased
 * (`KeyId`), which holds for every request member of the model.
 */
export type ShapeSpec =
  | {
    readonly _tag: "String"
    readonly minLength?: number | undefined
    readonly maxLength?: number | undefined
    /** The model's pattern as AWS prints it; a value must match it in full. */
    readonly pattern?: string | undefined
    readonly values?: ReadonlyArray<string> | undefined
    /** Sensitive members never appear in messages (`Value at 'x'`). */
    readonly sensitive: boolean
  }
  | { readonly _tag: "Integer"; readonly min?: number | undefined; readonly max?: number | undefined }
  | { readonly _tag: "Boolean" }
  | { readonly _tag: "Timestamp" }
  | { readonly _tag: "Blob"; readonly minLength: number; readonly maxLength: number; readonly sensitive: boolean }
  | {
    readonly _tag: "List"
    readonly member: Shape<unknown>
    readonly minLength?: number | undefined
    readonly maxLength?: number | undefined
  }
  | { readonly _tag: "StringMap" }
  | { readonly _tag: "Structure"; readonly members: ReadonlyArray<MemberSpec> }

export interface Shape<A> {
  readonly spec: ShapeSpec
  /** Phantom: the decoded type. Never set. */
  readonly "~decoded"?: A
}

export interface MemberSpec {
  readonly name: string
  readonly shape: Shape<unknown>
  readonly required: boolean
}

export interface Member<A, Required extends boolean> {
  readonly shape: Shape<A>
  readonly required: Required
}

export type DecodedOf<S> = S extends Shape<infer A> ? A : never

type AnyMember = Member<unknown, boolean>
type Simplify<T> = { [K in keyof T]: T[K] } & {}

export type DecodedStructure<M extends Record<string, AnyMember>> = Simplify<
  & { readonly [K in keyof M as M[K]["required"] extends true ? K : never]: DecodedOf<M[K]["shape"]> }
  & { readonly [K in keyof M as M[K]["required"] extends true ? never : K]?: DecodedOf<M[K]["shape"]> | undefined }
>

const shape = <A>(spec: ShapeSpec): Shape<A> => ({ spec })

export interface StringConstraints {
  readonly minLength?: number
  readonly maxLength?: number
  readonly pattern?: string
  readonly sensitive?: boolean
}

export const string = (constraints: StringConstraints = {}): Shape<string> =>
  shape({ _tag: "String", ...constraints, sensitive: constraints.sensitive ?? false })

export const enumeration = <const A extends string>(values: ReadonlyArray<A>): Shape<A> =>
  shape({ _tag: "String", values, sensitive: false })

export const integer = (range: { readonly min?: number; readonly max?: number } = {}): Shape<number> =>
  shape({ _tag: "Integer", ...range })

export const boolean: Shape<boolean> = shape({ _tag: "Boolean" })

/** A JSON number of epoch seconds, fractional allowed, decoded to epoch milliseconds (aws-kms-api.md §1.2). */
export const timestamp: Shape<number> = shape({ _tag: "Timestamp" })

/** Size limits apply to the decoded bytes (aws-kms-api.md §1.2). */
export const blob = (range: { readonly minLength: number; readonly maxLength: number; readonly sensitive?: boolean }): Shape<
  Uint8Array
> => shape({ _tag: "Blob", ...range, sensitive: range.sensitive ?? false })

export const list = <A>(
  member: Shape<A>,
  range: { readonly minLength?: number; readonly maxLength?: number } = {}
): Shape<ReadonlyArray<A>> => shape({ _tag: "List", member, ...range })

export const stringMap: Shape<Readonly<Record<string, string>>> = shape({ _tag: "StringMap" })

export const required = <A>(member: Shape<A>): Member<A, true> => ({ shape: member, required: true })
export const optional = <A>(member: Shape<A>): Member<A, false> => ({ shape: member, required: false })

/** Members keep the model's order: validation messages list violations in it. */
export const structure = <M extends Record<string, AnyMember>>(members: M): Shape<DecodedStructure<M>> =>
  shape({
    _tag: "Structure",
    members: Object.entries(members).map(([name, member]) => ({ name, shape: member.shape, required: member.required }))
  })

/** `keyId` → `KeyId`: the JSON member name of a model member. */
export const wireName = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1)
