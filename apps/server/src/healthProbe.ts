#!/usr/bin/env node
/**
 * The container's HEALTHCHECK (the image has no curl): exits 0 when this
 * host's server answers `GET /health/ready` with 200, else 1, printing why
 * (`docker inspect` shows it). Reads the port the server reads, TRENT_PORT.
 */
const port = process.env["TRENT_PORT"] ?? "7400"
const url = `http://127.0.0.1:${port}/health/ready`

try {
  const response = await fetch(url, { signal: AbortSignal.timeout(8_000) })
  const body = await response.text()
  if (!response.ok) console.log(`not ready (${response.status}): ${body}`)
  process.exit(response.ok ? 0 : 1)
} catch (error) {
  console.log(`no answer from ${url}: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
