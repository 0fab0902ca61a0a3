import { describe, expect, it } from "vitest"
import { renderFields, renderTable } from "./table.ts"

describe("renderTable", () => {
  it("pads every column but the last to its widest cell, two spaces apart", () => {
    expect(renderTable(["ID", "STATE", "DESCRIPTION"], [["a", "Enabled", "x"], ["bbbb", "Disabled", ""]])).toBe(
      "ID    STATE     DESCRIPTION\na     Enabled   x\nbbbb  Disabled"
    )
  })

  it("keeps each row on one line whatever the values hold", () => {
    expect(renderTable(["A", "B"], [["multi\nline", "z"]])).toBe("A           B\nmulti line  z")
  })
})

describe("renderFields", () => {
  it("lists one object's fields without a header", () => {
    expect(renderFields([["State", "Enabled"], ["Description", "-"]])).toBe("State        Enabled\nDescription  -")
  })
})
