// One lint config for the whole workspace. The module-boundary matrix is the
// architecture's "arrows point one way" rule (../shared/ARCHITECTURE.md):
// pure libraries (crypto, domain, policy, protocol) import no I/O, no Kafka and no apps.
import nx from "@nx/eslint-plugin"

const ioModules = [
  "node:fs", "node:fs/promises", "fs", "fs/promises", "node:sqlite", "node:net", "net",
  "node:http", "http", "node:https", "https", "node:http2", "node:child_process", "child_process",
  "node:dgram", "node:worker_threads", "node:os", "os", "kafkajs"
]

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
      "@nx/enforce-module-boundaries": [
        "error",
        {
          enforceBuildableLibDependency: false,
          allow: [],
          banTransitiveDependencies: true,
          depConstraints: [
            {
              sourceTag: "type:core",
              onlyDependOnLibsWithTags: ["type:core", "type:testing"],
              bannedExternalImports: ioModules
            },
            {
              sourceTag: "type:testing",
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: ioModules
            },
            {
              sourceTag: "type:io",
              onlyDependOnLibsWithTags: ["type:core", "type:io", "type:testing"]
            },
            {
              // Apps are made of libraries, plus one app-to-app import: `trent serve` (apps/cli) runs the
              // server app's own program, which apps/server exports, so it and `npm start` cannot drift.
              sourceTag: "type:app",
              onlyDependOnLibsWithTags: ["type:core", "type:io", "type:testing", "scope:server"]
            },
            {
              // Tools may use the libraries and the broker tool (benchmarks on a real Kafka), never an app.
              sourceTag: "type:tool",
              onlyDependOnLibsWithTags: ["type:core", "type:io", "type:testing", "scope:kafka"]
            }
          ]
        }
      ]
    }
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
