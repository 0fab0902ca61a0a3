/**
 * Key ids, ARNs and alias names (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id). Both key id forms are 36
 * characters: a lowercase UUID, or "mrk-" + 32 lowercase hex digits.
 */
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const mrkPattern = /^mrk-[0-9a-f]{32}$/
const arnPattern = /^arn:([a-z-]+):kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/

export const isKeyId = (value: string): boolean => uuidPattern.test(value) || mrkPattern.test(value)

export interface ResourceScope {
  readonly partition: string
  readonly region: string
  readonly account: string
}

export const keyArn = (scope: ResourceScope, keyId: string): string =>
  `arn:${scope.partition}:kms:${scope.region}:${scope.account}:key/${keyId}`

export const aliasArn = (scope: ResourceScope, aliasName: string): string =>
  `arn:${scope.partition}:kms:${scope.region}:${scope.account}:${aliasName}`

export const accountRootArn = (scope: ResourceScope): string => `arn:${scope.partition}:iam::${scope.account}:root`

export interface ParsedArn extends ResourceScope {
  readonly resourceType: "key" | "alias"
  readonly resource: string
}

export const parseArn = (value: string): ParsedArn | undefined => {
  const match = arnPattern.exec(value)
  if (match === null) return undefined
  const [, partition, region, account, resourceType, resource] = match as unknown as [
    string, string, string, string, "key" | "alias", string
  ]
  return { partition, region, account, resourceType, resource }
}
