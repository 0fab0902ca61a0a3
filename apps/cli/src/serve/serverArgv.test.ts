import { describe, expect, it } from "vitest"
import { splitServeArgv } from "./serverArgv.ts"

describe("splitServeArgv", () => {
  it("leaves every server flag to the server, and help and --debug to trent", () => {
    expect(splitServeArgv(["--debug", "serve", "--port", "0", "--dev", "--kafka-requests", "-h"])).toEqual({
      cli: ["--debug", "serve", "-h"],
      server: ["--port", "0", "--dev", "--kafka-requests"]
    })
  })

  it("is not involved in any other command, even one with a serve argument", () => {
    expect(splitServeArgv(["keys", "history", "serve"])).toBeUndefined()
    expect(splitServeArgv(["--help"])).toBeUndefined()
  })
})
