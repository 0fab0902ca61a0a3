import type { CustomKeyStoreEntry } from "./customKeyStoreTypes.ts"
import { epochSeconds, wireObject, type WireObject } from "./WireValues.ts"

/**
 * CustomKeyStoresListEntry (DescribeCustomKeyStores, API Reference), members in
 * model order. ConnectionErrorCode only while FAILED. XksProxyConfiguration
 * names the proxy's access key id, never its secret.
 */
export const customKeyStoreEntry = (entry: CustomKeyStoreEntry): WireObject =>
  wireObject({
    CustomKeyStoreId: entry.customKeyStoreId,
    CustomKeyStoreName: entry.customKeyStoreName,
    ConnectionState: entry.connectionState,
    ConnectionErrorCode: entry.connectionErrorCode,
    CreationDate: epochSeconds(entry.creationDate),
    CustomKeyStoreType: entry.customKeyStoreType,
    XksProxyConfiguration: {
      Connectivity: entry.xksProxyConfiguration.connectivity,
      AccessKeyId: entry.xksProxyConfiguration.accessKeyId,
      UriEndpoint: entry.xksProxyConfiguration.uriEndpoint,
      UriPath: entry.xksProxyConfiguration.uriPath
    }
  })
