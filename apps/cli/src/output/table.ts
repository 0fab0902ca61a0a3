/**
 * Plain-text tables for terminals: columns padded to their widest cell,
 * two spaces apart, the last column unpadded. Cells are one line each: any
 * newline in a value is shown as a space, so a row is always one line.
 */
export const renderTable = (headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const cells = [headers, ...rows].map((row) => row.map(flatten))
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column]?.length ?? 0)))
  return cells
    .map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  ").trimEnd())
    .join("\n")
}

/** A record shown as `field  value` lines, for one object (`keys describe`, a key's state in `keys history`). */
export const renderFields = (fields: ReadonlyArray<readonly [string, string]>): string =>
  renderTable(["FIELD", "VALUE"], fields).split("\n").slice(1).join("\n")

const flatten = (cell: string): string => cell.replace(/\s*\n\s*/g, " ")
