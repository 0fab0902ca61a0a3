import { existsSync } from "node:fs"
import { join } from "node:path"
import { isKeyId, parseArn } from "@trent/domain"
import { UsageError } from "../cli/CliFailure.ts"

/** Which stream of the log a command line names: a key's, or an alias's (`alias/<name>`). */
export type LogTarget =
  | { readonly _tag: "Key"; readonly keyId: string }
  | { readonly _tag: "Alias"; readonly aliasName: string }

/** The event log file to open offline, and the stream in it. */
export interface LogLocation {
  readonly file: string
  readonly region: string
  readonly target: LogTarget
}

export interface LocateOptions {
  readonly dataDir: string
  /** `--region` when given: it must agree with an ARN's Region. */
  readonly region: string | undefined
  /** The Region when neither `--region` nor an ARN names one (AWS_REGION, else us-east-1). */
  readonly defaultRegion: string
}

// The server's own rule for Region names (apps/server ServerConfig).
const regionPattern = /^([a-z]+-){2,3}\d+$/

/**
 * Where a key reference's stream lives: `<data-dir>/<region>/events.db`, as
 * the embedded store lays it out (another account's Regions are under
 * `<data-dir>/accounts/<account>/`, found from the account in an ARN). A key id,
 * key ARN, alias name or alias ARN; anything else is a usage error.
 */
export const locateLog = (reference: string, options: LocateOptions): LogLocation | UsageError => {
  const arn = parseArn(reference)
  const target = targetOf(reference, arn)
  if (target === undefined) {
    return new UsageError({ message: `'${reference}' is not a key id, key ARN, alias name or alias ARN` })
  }
  if (arn !== undefined && options.region !== undefined && options.region !== arn.region) {
    return new UsageError({ message: `${reference} is in Region ${arn.region}, but --region says ${options.region}` })
  }
  const region = arn?.region ?? options.region ?? options.defaultRegion
  if (!regionPattern.test(region)) return new UsageError({ message: `'${region}' is not a Region name (e.g. us-east-1)` })
  const otherAccount = arn === undefined ? undefined : join(options.dataDir, "accounts", arn.account, region, "events.db")
  const file = otherAccount !== undefined && existsSync(otherAccount) ? otherAccount : join(options.dataDir, region, "events.db")
  return { file, region, target }
}

const targetOf = (reference: string, arn: ReturnType<typeof parseArn>): LogTarget | undefined => {
  if (isKeyId(reference)) return { _tag: "Key", keyId: reference }
  if (reference.startsWith("alias/") && reference.length > "alias/".length) return { _tag: "Alias", aliasName: reference }
  if (arn === undefined) return undefined
  if (arn.resourceType === "alias") return { _tag: "Alias", aliasName: `alias/${arn.resource}` }
  return isKeyId(arn.resource) ? { _tag: "Key", keyId: arn.resource } : undefined
}
