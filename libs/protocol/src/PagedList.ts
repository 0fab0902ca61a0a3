import type { Paged } from "./RegionResults.ts"
import type { WireObject } from "./WireValues.ts"

/**
 * A List* response (aws-kms-api.md §7.6): the items under the operation's list
 * member, `Truncated` always, and `NextMarker` only when truncated (botocore's
 * paginators stop on a NextMarker without Truncated and break on the converse).
 */
export const encodePaged = <Item>(
  listMember: string,
  page: Paged<Item>,
  encodeItem: (item: Item) => unknown
): WireObject => ({
  [listMember]: page.items.map(encodeItem),
  ...(page.truncated && page.nextMarker !== undefined ? { NextMarker: page.nextMarker } : {}),
  Truncated: page.truncated
})
