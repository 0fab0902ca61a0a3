import type { XksConnectionErrorCode } from "@trent/domain"
import type { XksProxyCallFailed } from "./XksProxyClient.ts"

/**
 * The ConnectionErrorCode a failed health check leaves on the store
 * (ConnectionErrorCode, DescribeCustomKeyStores; Troubleshooting external key
 * stores, "Connection error codes").
 */
export const connectionErrorOf = (failure: XksProxyCallFailed): XksConnectionErrorCode => {
  switch (failure.reason) {
    case "unreachable":
      return "XKS_PROXY_NOT_REACHABLE"
    case "timedOut":
      return "XKS_PROXY_TIMED_OUT"
    case "invalidResponse":
      return "XKS_PROXY_INVALID_RESPONSE"
    case "proxyError":
      switch (failure.errorName) {
        case "AuthenticationFailedException":
          return "INVALID_CREDENTIALS"
        case "AccessDeniedException":
          return "XKS_PROXY_ACCESS_DENIED"
        case "InvalidUriPathException":
          return "XKS_PROXY_INVALID_CONFIGURATION"
        default:
          return "INTERNAL_ERROR"
      }
  }
}
