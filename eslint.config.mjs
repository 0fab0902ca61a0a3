// One lint config for the whole workspace. The module-boundary matrix is the architecture's
// "arrows point one way" rule, by layer (the `type:*` tag every project carries):
//   type:core     crypto, domain, policy, protocol: pure, no I/O     → core
//   type:io       audit, auth, event-log, event-log-kafka, kafka-client → core, io
//   type:runtime  key-actors, replication, runtime, kafka-requests:  → core, io, runtime
//                 one layer in four (runtime → replication → key-actors; kafka-requests
//                 is the Kafka request worker; Nx forbids cycles)
//   type:app      server, cli                                        → core, io, runtime (+ scope:server)
//   type:tool     bench, kafka                                       → core, io, runtime (+ scope:kafka)
//   type:testing  testing: arbitraries, given/when/then              → nothing
// `scope:*` names the project itself; it is used only for the two named exceptions below.
import nx from "@nx/eslint-plugin"

const ioModules = [
  "node:fs", "node:fs/promises", "fs", "fs/promises", "node:sqlite", "node:net", "net",
  "node:http", "http", "node:https", "https", "node:http2", "node:child_process", "child_process",
  "node:dgram", "node:worker_threads", "node:os", "os", "kafkajs"
]

const core = ["type:core"]
const io = ["type:core", "type:io"]
const composed = ["type:core", "type:io", "type:runtime"]

/** What shipped code of each layer may import. */
const shippedMatrix = {
  "type:core": core,
  "type:testing": [],
  "type:io": io,
  // runtime → replication → key-actors: one layer in three libraries; Nx's cycle check keeps it one way.
  "type:runtime": composed,
  // Apps are made of libraries, plus one app-to-app import: `trent serve` (apps/cli) runs the
  // server app's own program, which apps/server exports, so it and `npm start` cannot drift.
  "type:app": [...composed, "scope:server"],
  // Tools may use the libraries and the broker tool (benchmarks on a real Kafka), never an app.
  "type:tool": [...composed, "scope:kafka"]
}

/** What tests of each layer may import: the shipped matrix plus test kits and the Kafka broker. */
const devMatrix = {
  "type:core": [...core, "type:testing"],
  "type:testing": [],
  "type:io": [...io, "type:testing", "scope:kafka", "type:runtime"],
  "type:runtime": [...composed, "type:testing"],
  "type:app": [...shippedMatrix["type:app"], "type:testing", "scope:kafka"],
  "type:tool": [...shippedMatrix["type:tool"], "type:testing"]
}

const devFiles = ["**/*.test.ts", "**/*.test-support.ts", "**/kafkaGlobalSetup.ts", "**/*Benchmark.ts"]

const pureTypes = new Set(["type:core", "type:testing"])

const moduleBoundaries = (matrix) => ({
  enforceBuildableLibDependency: false,
  allow: [],
  banTransitiveDependencies: true,
  depConstraints: Object.entries(matrix).map(([sourceTag, onlyDependOnLibsWithTags]) => ({
    sourceTag,
    onlyDependOnLibsWithTags,
    ...(pureTypes.has(sourceTag) ? { bannedExternalImports: ioModules } : {})
  }))
})

export default [
  ...nx.configs["flat/base"],
  ...nx.configs["flat/typescript"],
  { ignores: ["**/node_modules", "**/dist", "**/out-tsc", "**/.nx", "**/vitest.config.ts"] },
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Indexing under noUncheckedIndexedAccess-style reasoning: `!` after a bounds check is clearer than a branch.
      "@typescript-eslint/no-non-null-assertion": "off",
      "@nx/enforce-module-boundaries": ["error", moduleBoundaries(shippedMatrix)]
    }
  },
  {
    // Tests, test kits, test-runner setup and hand-run benchmark scripts are not shipped: they may
    // also use @trent/testing and the broker tool, and an adapter's tests may run the runtime's
    // conformance suite against it. Keep this list in step with `devOnly` in
    // libs/testing/src/workspaceDependencies.test.ts, which holds package.json to the same split.
    files: devFiles,
    rules: { "@nx/enforce-module-boundaries": ["error", moduleBoundaries(devMatrix)] }
  },
  {
    // Pure libraries: no I/O in production code. (Nx's bannedExternalImports does not cover node: built-ins.)
    files: ["libs/crypto/src/**/*.ts", "libs/domain/src/**/*.ts", "libs/policy/src/**/*.ts", "libs/protocol/src/**/*.ts"],
    ignores: ["**/*.test.ts", "**/*.test-support.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        paths: ioModules.map((name) => ({ name, message: "pure libraries do no I/O: take it as a service from the shell" }))
      }]
    }
  }
]
