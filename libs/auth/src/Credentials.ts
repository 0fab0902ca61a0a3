import { join } from "node:path"
import { Context, Effect, Layer } from "effect"
import { type Authenticated, authenticateRequest, type Authenticator, type VerifyOptions } from "./Authentication.ts"
import type { AuthenticationError } from "./AuthenticationErrors.ts"
import { type CredentialsConfig, validateCredentialsConfig } from "./CredentialsConfig.ts"
import { CredentialsConfigError } from "./CredentialsConfigError.ts"
import { readCredentialsFile } from "./CredentialsFile.ts"
import { makeCredentialStore } from "./CredentialStore.ts"
import { createFirstStartCredentials } from "./FirstStartCredentials.ts"
import type { HttpRequestParts } from "./HttpRequestParts.ts"
import { ACCOUNT_ID } from "./Principal.ts"
import { SigningKeyCache } from "./SigningKeyCache.ts"

/**
 * The default account when TRENT_ACCOUNT_ID is not set, one value for the
 * whole server (its settings, first-start credentials, dev mode): 111122223333,
 * the example account of the AWS KMS Developer Guide and API Reference, so
 * ARNs copied from AWS's examples match. Any 12 digits are valid.
 */
export const DEFAULT_ACCOUNT_ID = "111122223333"

export interface CredentialOptions {
  /** TRENT_DATA_DIR. */
  readonly dataDir: string
  /** TRENT_CREDENTIALS_CONFIG: the credentials file; default `${dataDir}/trent-credentials.json`. */
  readonly configFile?: string | undefined
  /** TRENT_ACCOUNT_ID: 12 digits; default DEFAULT_ACCOUNT_ID. */
  readonly defaultAccountId?: string | undefined
  /** The first of TRENT_REGIONS: the region first start writes into the shared-credentials profile. */
  readonly defaultRegion: string
  readonly devMode: boolean
}

const configFailure = (message: string) => Effect.fail(new CredentialsConfigError({ message }))

const loadConfig = Effect.fnUntraced(function*(options: CredentialOptions, accountId: string) {
  const empty: CredentialsConfig = { accounts: [] }
  if (options.configFile !== undefined) {
    // A file named explicitly must be there: a typo must not quietly create a new admin key elsewhere.
    if (options.configFile === "") return yield* configFailure("TRENT_CREDENTIALS_CONFIG is set but empty")
    const config = yield* readCredentialsFile(options.configFile)
    if (config === undefined) {
      return yield* configFailure(`the credentials file ${options.configFile} (TRENT_CREDENTIALS_CONFIG) does not exist`)
    }
    return config
  }
  const configPath = join(options.dataDir, "trent-credentials.json")
  const existing = yield* readCredentialsFile(configPath)
  if (existing !== undefined) return existing
  // Dev mode needs no keys and leaves no files behind.
  if (options.devMode) return empty
  const created = yield* createFirstStartCredentials({
    configPath,
    sharedCredentialsPath: join(options.dataDir, "credentials"),
    accountId,
    region: options.defaultRegion
  })
  if (created !== undefined) return created
  // Another process created it between our read and our write: use theirs.
  return (yield* readCredentialsFile(configPath)) ?? empty
})

const makeService = (authenticator: Authenticator) =>
  Credentials.of({
    defaultAccountId: authenticator.defaultAccountId,
    devMode: authenticator.devMode,
    hostsAccount: (accountId) =>
      accountId === authenticator.defaultAccountId ||
      (authenticator.devMode && ACCOUNT_ID.test(accountId)) ||
      [...authenticator.store.values()].some((entry) => entry.principal.accountId === accountId),
    // Not a traced Effect.fn: it runs on every request and is synchronous; the server's request span covers it.
    authenticate: (request, options) =>
      Effect.suspend(() => Effect.fromResult(authenticateRequest(authenticator, request, options)))
  })

const makeAuthenticator = (config: CredentialsConfig, devMode: boolean, defaultAccountId: string): Authenticator => ({
  store: makeCredentialStore(config),
  signingKeys: new SigningKeyCache(),
  devMode,
  defaultAccountId
})

/**
 * Who signed a request: SigV4 verification against the accounts, principals
 * and access keys of the credentials file. In dev mode signatures are parsed but not checked, and unsigned
 * requests pass as the default account's admin (see DevModePrincipal.ts).
 */
export class Credentials extends Context.Service<Credentials, {
  readonly defaultAccountId: string
  readonly devMode: boolean
  /** Whether this server holds the account (default, configured, or any account in dev mode): cross-account requests go only there. */
  hostsAccount(accountId: string): boolean
  authenticate(request: HttpRequestParts, options: VerifyOptions): Effect.Effect<Authenticated, AuthenticationError>
}>()("@trent/auth/Credentials") {
  /**
   * Loads the credentials file (TRENT_CREDENTIALS_CONFIG, else
   * `${dataDir}/trent-credentials.json`). On first start without one, and
   * not in dev mode, creates the default account with an admin access key,
   * writes it there and to `${dataDir}/credentials` (AWS shared-credentials
   * format), both 0600, and logs where they are. Refuses a file others can
   * read. Cached signing keys are dropped when the layer is released.
   */
  static layer(options: CredentialOptions): Layer.Layer<Credentials, CredentialsConfigError> {
    return Layer.effect(
      Credentials,
      Effect.gen(function*() {
        const accountId = options.defaultAccountId ?? DEFAULT_ACCOUNT_ID
        if (!ACCOUNT_ID.test(accountId)) {
          return yield* configFailure(`TRENT_ACCOUNT_ID must be 12 digits, got '${accountId}'`)
        }
        const config = yield* loadConfig(options, accountId)
        const authenticator = yield* Effect.acquireRelease(
          Effect.sync(() => makeAuthenticator(config, options.devMode, accountId)),
          (authenticator) => Effect.sync(() => authenticator.signingKeys.clear())
        )
        return makeService(authenticator)
      })
    )
  }

  /** A fixed configuration, checked like the file (an invalid one is a defect). */
  static layerTest(
    config: CredentialsConfig,
    options?: { readonly devMode?: boolean; readonly defaultAccountId?: string }
  ): Layer.Layer<Credentials> {
    return Layer.effect(
      Credentials,
      Effect.map(
        Effect.orDie(Effect.fromResult(validateCredentialsConfig(config, "the test credentials"))),
        (checked) =>
          makeService(
            makeAuthenticator(checked, options?.devMode ?? false, options?.defaultAccountId ?? DEFAULT_ACCOUNT_ID)
          )
      )
    )
  }
}
