import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** A CA made for one test run, a server certificate for 127.0.0.1/localhost and a client certificate, all issued by it. */
export interface TestCertificates {
  readonly dir: string
  readonly caCert: string
  readonly serverCert: string
  readonly serverKey: string
  readonly clientCert: string
  readonly clientKey: string
  /** A client certificate from another CA: mutual TLS must refuse it. */
  readonly strangerCert: string
  readonly strangerKey: string
  readonly pem: (path: string) => Buffer
}

const openssl = (dir: string, args: ReadonlyArray<string>) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] })

const selfSigned = (dir: string, name: string, subject: string) =>
  openssl(dir, ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.crt`,
    "-subj", subject, "-days", "2", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"])

const issued = (dir: string, name: string, subject: string, ca: string, extensions: string) => {
  openssl(dir, ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", subject])
  writeFileSync(join(dir, `${name}.ext`), extensions)
  openssl(dir, ["x509", "-req", "-in", `${name}.csr`, "-CA", `${ca}.crt`, "-CAkey", `${ca}.key`, "-CAcreateserial", "-out", `${name}.crt`,
    "-days", "2", "-extfile", `${name}.ext`])
}

/** Needs the `openssl` command (the Debian package of that name). */
export const makeTestCertificates = (): TestCertificates => {
  const dir = mkdtempSync(join(tmpdir(), "trent-tls-"))
  selfSigned(dir, "ca", "/CN=Trent test CA")
  issued(dir, "server", "/CN=localhost", "ca", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
  issued(dir, "client", "/CN=trent-client", "ca", "extendedKeyUsage=clientAuth\n")
  selfSigned(dir, "other-ca", "/CN=Someone else's CA")
  issued(dir, "stranger", "/CN=stranger", "other-ca", "extendedKeyUsage=clientAuth\n")
  const at = (file: string) => join(dir, file)
  return {
    dir,
    caCert: at("ca.crt"),
    serverCert: at("server.crt"),
    serverKey: at("server.key"),
    clientCert: at("client.crt"),
    clientKey: at("client.key"),
    strangerCert: at("stranger.crt"),
    strangerKey: at("stranger.key"),
    pem: (path) => readFileSync(path)
  }
}
