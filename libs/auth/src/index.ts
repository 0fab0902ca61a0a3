export { generateAccessKeyId, generateSecretAccessKey } from "./AccessKeyGeneration.ts"
export type { Authenticated, VerifyOptions } from "./Authentication.ts"
export {
  type AuthenticationError,
  IncompleteSignatureException,
  InvalidSignatureException,
  MissingAuthenticationTokenException,
  UnrecognizedClientException
} from "./AuthenticationErrors.ts"
export { type CredentialOptions, Credentials, DEFAULT_ACCOUNT_ID } from "./Credentials.ts"
export {
  type AccessKeyConfig,
  type AccountConfig,
  type CredentialsConfig,
  CredentialsConfigSchema,
  decodeCredentialsConfig,
  type PrincipalConfig
} from "./CredentialsConfig.ts"
export { CredentialsConfigError } from "./CredentialsConfigError.ts"
export { type ClaimedCredential, claimedCredential } from "./ClaimedCredential.ts"
export { headerValue, type HttpRequestParts } from "./HttpRequestParts.ts"
export type { Principal, PrincipalType } from "./Principal.ts"
export { signRequest, type SignRequestInput } from "./RequestSigner.ts"
export { verifyXksSignature, XKS_ALLOWED_SKEW_MS, XKS_SERVICE, type XksCredential } from "./XksSignature.ts"
