import { readdirSync, readFileSync, statSync } from "node:fs"
import { builtinModules } from "node:module"
import { join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"
import { describe, expect, it } from "vitest"

/**
 * Every project's package.json tells the truth about what it imports: `dependencies` are exactly
 * the packages its shipped source imports, `devDependencies` exactly what only its tests (and
 * hand-run benchmark scripts) import, and its tsconfig.json `references` are exactly its @trent
 * packages. npm workspaces hoist everything, so an undeclared import would otherwise still resolve
 * and the lie would go unnoticed. Imports are read with TypeScript's own pre-processor, so type-only
 * imports, re-exports and dynamic `import()` all count.
 */

const workspace = resolve(fileURLToPath(new URL("../../..", import.meta.url)))

/** Files that are not shipped: tests, test kits, test runner setup and benchmark scripts run by hand. */
const devOnly = /(\.test\.ts|\.test-support\.ts|(^|\/)vitest\.config\.ts|(^|\/)kafkaGlobalSetup\.ts|Benchmark\.ts)$/

type Manifest = {
  readonly name: string
  readonly dependencies?: Record<string, string>
  readonly devDependencies?: Record<string, string>
}

type Project = { readonly dir: string; readonly manifest: Manifest }

const readJson = <A>(path: string): A => JSON.parse(readFileSync(path, "utf8")) as A

const projects: ReadonlyArray<Project> = ["apps", "libs", "tools"].flatMap((group) =>
  readdirSync(join(workspace, group))
    .map((name) => join(workspace, group, name))
    .filter((dir) => statSync(join(dir, "package.json"), { throwIfNoEntry: false })?.isFile() === true)
    .map((dir) => ({ dir, manifest: readJson<Manifest>(join(dir, "package.json")) }))
)

const sourceFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(path)
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : []
  })

const builtins = new Set(builtinModules)

/** The package a bare specifier names ("@trent/event-log/testing" → "@trent/event-log"), or undefined. */
const packageOf = (specifier: string): string | undefined => {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("#")) return undefined
  if (specifier.startsWith("node:") || builtins.has(specifier)) return undefined
  const parts = specifier.split("/")
  return specifier.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]
}

const importsOf = (file: string): ReadonlyArray<string> =>
  ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles.flatMap((ref) => {
    const name = packageOf(ref.fileName)
    return name === undefined ? [] : [name]
  })

/** What a project's files import, split into shipped and dev-only, each package with one file that imports it. */
const importedBy = (project: Project) => {
  const shipped = new Map<string, string>()
  const dev = new Map<string, string>()
  for (const file of sourceFiles(project.dir)) {
    const rel = relative(project.dir, file)
    for (const name of importsOf(file)) {
      if (name === project.manifest.name) continue
      const into = devOnly.test(rel) ? dev : shipped
      if (!into.has(name)) into.set(name, rel)
    }
  }
  for (const name of shipped.keys()) dev.delete(name)
  return { shipped, dev }
}

/** The mismatches between a project's imports and its manifest, as readable sentences. */
const dependencyProblems = (project: Project): ReadonlyArray<string> => {
  const { shipped, dev } = importedBy(project)
  const declared = Object.keys(project.manifest.dependencies ?? {})
  const declaredDev = Object.keys(project.manifest.devDependencies ?? {})
  const problems: Array<string> = []
  for (const [name, file] of shipped) {
    if (!declared.includes(name)) problems.push(`${name} is imported by shipped ${file} but is not in dependencies`)
  }
  for (const [name, file] of dev) {
    if (!declaredDev.includes(name)) problems.push(`${name} is imported only by tests (${file}) but is not in devDependencies`)
  }
  for (const name of declared) {
    if (!shipped.has(name)) problems.push(`${name} is in dependencies but no shipped file imports it`)
  }
  for (const name of declaredDev) {
    // A type package is declared beside the package it types.
    const typed = name.startsWith("@types/") ? name.slice("@types/".length) : undefined
    if (typed !== undefined && (shipped.has(typed) || dev.has(typed))) continue
    if (!dev.has(name)) problems.push(`${name} is in devDependencies but ${shipped.has(name) ? "shipped code imports it" : "nothing imports it"}`)
  }
  return problems
}

const projectDirByName = new Map(projects.map((p) => [p.manifest.name, p.dir]))

/** tsconfig.json references must name exactly the project's @trent packages, shipped or dev. */
const referenceProblems = (project: Project): ReadonlyArray<string> => {
  const tsconfig = readJson<{ references?: ReadonlyArray<{ path: string }> }>(join(project.dir, "tsconfig.json"))
  const referenced = new Set((tsconfig.references ?? []).map((ref) => resolve(project.dir, ref.path)))
  const trent = [...Object.keys(project.manifest.dependencies ?? {}), ...Object.keys(project.manifest.devDependencies ?? {})]
    .filter((name) => projectDirByName.has(name))
  const wanted = new Set(trent.map((name) => projectDirByName.get(name)!))
  return [
    ...[...wanted].filter((dir) => !referenced.has(dir)).map((dir) => `tsconfig.json does not reference ${relative(project.dir, dir)}`),
    ...[...referenced].filter((dir) => !wanted.has(dir)).map((dir) => `tsconfig.json references ${relative(project.dir, dir)}, which package.json does not depend on`)
  ]
}

describe("workspace package manifests", () => {
  it("finds every project", () => {
    expect(projects.map((p) => p.manifest.name)).toContain("@trent/testing")
    expect(projects.length).toBeGreaterThan(10)
  })

  for (const project of projects) {
    const name = project.manifest.name
    it(`${name}: dependencies are what its shipped code imports, devDependencies what only its tests import`, () => {
      expect(dependencyProblems(project)).toEqual([])
    })
    it(`${name}: tsconfig.json references exactly its @trent packages`, () => {
      expect(referenceProblems(project)).toEqual([])
    })
    if (name !== "@trent/testing") {
      it(`${name}: @trent/testing is never a runtime dependency`, () => {
        expect(Object.keys(project.manifest.dependencies ?? {})).not.toContain("@trent/testing")
      })
    }
  }
})
