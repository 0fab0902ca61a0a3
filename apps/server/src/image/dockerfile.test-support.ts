import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

/** The repository root, where the Dockerfile, docker-compose.yml and .dockerignore live. */
export const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url))

export interface Instruction {
  readonly name: string
  readonly args: string
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
export const dockerfileInstructions = (text = readFileSync(`${repoRoot}Dockerfile`, "utf8")): ReadonlyArray<Instruction> =>
  text.replace(/\\\n/g, " ").split("\n").map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const [name, ...rest] = line.split(/\s+/)
      return { name: name!.toUpperCase(), args: rest.join(" ") }
    })

export const only = (instructions: ReadonlyArray<Instruction>, name: string): ReadonlyArray<string> =>
  instructions.filter((i) => i.name === name).map((i) => i.args)

/** An exec-form argument list (`["node", "main.ts"]`), after any options before it (`--interval=10s CMD …`). */
export const execForm = (args: string): ReadonlyArray<string> => {
  const at = args.indexOf("[")
  if (at === -1) throw new Error(`not in exec form: ${args}`)
  return JSON.parse(args.slice(at)) as ReadonlyArray<string>
}

/** `KEY=value KEY2=value2` of an ENV instruction. */
export const envOf = (instructions: ReadonlyArray<Instruction>): Record<string, string> =>
  Object.fromEntries(only(instructions, "ENV").flatMap((args) => args.split(/\s+/).map((pair) => pair.split(/=(.*)/s, 2) as [string, string])))
