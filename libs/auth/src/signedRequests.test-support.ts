import { Effect, Redacted } from "effect"
import type { Authenticated, VerifyOptions } from "./Authentication.ts"
import type { AuthenticationError } from "./AuthenticationErrors.ts"
import { Credentials } from "./Credentials.ts"
import type { CredentialsConfig } from "./CredentialsConfig.ts"
import type { HttpRequestParts } from "./HttpRequestParts.ts"
import { signRequest } from "./RequestSigner.ts"

/** A test account with one user and one role, each with an access key. */
export const account = "111122223333"
export const admin = { accessKeyId: "AKIAADMINEXAMPLE0001", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYADMINKEY01" }
export const role = { accessKeyId: "AKIAROLEEXAMPLE00001", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYROLEKEY001" }

export const testConfig: CredentialsConfig = {
  accounts: [{
    accountId: account,
    principals: [
      {
        arn: `arn:aws:iam::${account}:user/admin`,
        accessKeys: [{ accessKeyId: admin.accessKeyId, secretAccessKey: Redacted.make(admin.secretAccessKey) }]
      },
      {
        arn: `arn:aws:iam::${account}:role/deployer`,
        accessKeys: [{ accessKeyId: role.accessKeyId, secretAccessKey: Redacted.make(role.secretAccessKey) }]
      }
    ]
  }]
}

/** 2024-01-01T00:10:00Z: the "now" of the tests. */
export const now = Date.UTC(2024, 0, 1, 0, 10, 0)

export const verifyOptions: VerifyOptions = {
  now,
  knownRegions: new Set(["eu-west-1", "us-east-1"]),
  acceptSessionTokens: false
}

const encoder = new TextEncoder()

export interface KmsRequestOptions {
  readonly key?: { readonly accessKeyId: string; readonly secretAccessKey: string }
  readonly region?: string
  readonly signedAt?: number
  readonly body?: string | Uint8Array
  readonly headers?: Record<string, string>
  readonly sessionToken?: string
  readonly path?: string
  readonly query?: string
}

/** A KMS Encrypt request as @aws-sdk/client-kms shapes it, signed by signRequest. */
export const kmsRequest = (options: KmsRequestOptions = {}): HttpRequestParts => {
  const key = options.key ?? admin
  const region = options.region ?? "eu-west-1"
  const body = typeof options.body === "string" || options.body === undefined
    ? encoder.encode(options.body ?? `{"KeyId":"alias/test","Plaintext":"aGVsbG8="}`)
    : options.body
  const headers: Record<string, string> = {
    host: `kms.${region}.amazonaws.com`,
    "content-type": "application/x-amz-json-1.1",
    "x-amz-target": "TrentService.Encrypt",
    ...options.headers
  }
  const path = options.path ?? "/"
  const query = options.query ?? ""
  const added = signRequest({
    method: "POST",
    path,
    query,
    headers,
    body,
    accessKeyId: key.accessKeyId,
    secretAccessKey: key.secretAccessKey,
    ...(options.sessionToken === undefined ? {} : { sessionToken: options.sessionToken }),
    region,
    service: "kms",
    now: options.signedAt ?? now
  })
  return { method: "POST", path, query, headers: { ...headers, ...added }, body }
}

export const withHeaders = (
  request: HttpRequestParts,
  headers: Record<string, string | undefined>
): HttpRequestParts => ({ ...request, headers: { ...request.headers, ...headers } })

/** Authenticates through Credentials.layerTest(testConfig); the Effect's error is the AWS error. */
export const authenticate = (
  request: HttpRequestParts,
  options: Partial<VerifyOptions> = {},
  mode: { readonly devMode?: boolean; readonly defaultAccountId?: string } = {}
): Effect.Effect<Authenticated, AuthenticationError> =>
  Effect.flatMap(Credentials, (credentials) => credentials.authenticate(request, { ...verifyOptions, ...options })).pipe(
    Effect.provide(Credentials.layerTest(testConfig, mode))
  )

/** The error of an authentication that must fail. */
export const rejection = (...args: Parameters<typeof authenticate>) => Effect.flip(authenticate(...args))

/** AWS's signature-mismatch message, spelled out here so that a typo in the code fails the tests. */
export const MISMATCH = "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details."

export const minutes = (n: number) => n * 60 * 1000
export const seconds = (n: number) => n * 1000
