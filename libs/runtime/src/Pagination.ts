import { InvalidMarker, InvalidRequest, maxValue, minValue, validationMessage } from "@trent/domain"
import type { Page, Paged } from "./RegionApi.ts"

/**
 * Pagination (aws-kms-api.md §7.6): opaque markers, `Truncated` always,
 * `NextMarker` only when truncated. A marker encodes the list it belongs to and
 * the position after the last item returned; any other string is InvalidMarker.
 */
export interface ListLimits {
  readonly list: string
  readonly max: number
  readonly fallback: number
}

export const checkLimit = (limit: number | undefined, limits: ListLimits): InvalidRequest | undefined => {
  if (limit === undefined) return undefined
  if (!Number.isInteger(limit) || limit < 1) {
    return new InvalidRequest({ message: validationMessage([{ path: "limit", value: limit, rule: minValue(1) }]) })
  }
  if (limit > limits.max) {
    return new InvalidRequest({ message: validationMessage([{ path: "limit", value: limit, rule: maxValue(limits.max) }]) })
  }
  return undefined
}

export const encodeMarker = (list: string, position: string): string =>
  Buffer.from(JSON.stringify([list, position]), "utf8").toString("base64url")

export const decodeMarker = (marker: string | undefined, list: string): string | undefined | InvalidMarker => {
  if (marker === undefined) return undefined
  try {
    const decoded: unknown = JSON.parse(Buffer.from(marker, "base64url").toString("utf8"))
    if (Array.isArray(decoded) && decoded.length === 2 && decoded[0] === list && typeof decoded[1] === "string") {
      return decoded[1]
    }
  } catch {
    // falls through to InvalidMarker
  }
  return new InvalidMarker({ message: "Invalid marker" })
}

/**
 * Pages a sorted list whose items have a unique, ordered position (ListKeys by
 * key id, ListAliases by name): the marker holds the last position returned.
 */
export const pageAfter = <Item>(
  items: ReadonlyArray<Item>,
  positionOf: (item: Item) => string,
  page: Page,
  limits: ListLimits
): Paged<Item> | InvalidRequest | InvalidMarker => {
  const invalid = checkLimit(page.limit, limits)
  if (invalid !== undefined) return invalid
  const after = decodeMarker(page.marker, limits.list)
  if (after instanceof InvalidMarker) return after
  const start = after === undefined ? 0 : items.findIndex((item) => positionOf(item) > after)
  const rest = start < 0 ? [] : items.slice(start)
  const size = page.limit ?? limits.fallback
  const pageItems = rest.slice(0, size)
  const truncated = rest.length > size
  return {
    items: pageItems,
    truncated,
    nextMarker: truncated ? encodeMarker(limits.list, positionOf(pageItems[pageItems.length - 1]!)) : undefined
  }
}

/** Pages a short list held by one key (tags, rotations, policies) by index. */
export const pageByIndex = <Item>(
  items: ReadonlyArray<Item>,
  page: Page,
  limits: ListLimits
): Paged<Item> | InvalidRequest | InvalidMarker => {
  const indexed = items.map((item, index) => ({ item, position: String(index).padStart(10, "0") }))
  const paged = pageAfter(indexed, (entry) => entry.position, page, limits)
  return "items" in paged ? { ...paged, items: paged.items.map((entry) => entry.item) } : paged
}
