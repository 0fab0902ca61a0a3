import { headerValue, type HttpRequestParts } from "./HttpRequestParts.ts"

/** What a request's Authorization header claims, unchecked: who signed it and for which Region. */
export interface ClaimedCredential {
  /** "" when the header names none. */
  readonly accessKeyId: string
  readonly region: string | undefined
}

const none: ClaimedCredential = { accessKeyId: "", region: undefined }

/**
 * The credential scope of a request whose signature did not verify, read
 * leniently (`Credential=AKID/date/region/service/aws4_request`,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html):
 * the audit trail records the access key it claimed, and the Region it named
 * records the refusal.
 */
export const claimedCredential = (request: HttpRequestParts): ClaimedCredential => {
  const credential = (headerValue(request.headers, "authorization") ?? "")
    .split(/[\s,]+/)
    .find((part) => part.startsWith("Credential="))
    ?.slice("Credential=".length)
  if (credential === undefined) return none
  const [accessKeyId, date, region, ...rest] = credential.split("/")
  return {
    accessKeyId: date !== undefined && /^[A-Za-z0-9]+$/.test(accessKeyId!) ? accessKeyId! : "",
    region: /^\d{8}$/.test(date ?? "") && rest.length > 0 && /^[a-z0-9-]+$/.test(region!) ? region : undefined
  }
}
