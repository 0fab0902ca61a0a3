/**
 * AWS's SigV4 test suite (docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html,
 * "aws-sig-v4-test-suite"), as aws/aws-sdk-js-v3 carries it in
 * `packages/signature-v4/src/suite.fixture.ts`, plus the suite's normalize-path
 * and post-sts-header-before cases. Raw paths and queries are written as they
 * arrive on the request line.
 */
export const suite = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
  service: "service",
  now: Date.UTC(2015, 7, 30, 12, 36, 0),
  amzDate: "20150830T123600Z"
} as const

export const suiteSessionToken =
  "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/" +
  "qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38x" +
  "Vqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="

export interface SuiteCase {
  readonly name: string
  readonly method: "GET" | "POST"
  readonly path: string
  readonly query: string
  /** Besides host and x-amz-date, which every case has. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly sessionToken?: string
  readonly signedHeaders: string
  readonly signature: string
}

const unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

const plain = (
  name: string,
  method: "GET" | "POST",
  path: string,
  query: string,
  signature: string,
  headers: Record<string, string> = {},
  body = ""
): SuiteCase => ({
  name,
  method,
  path,
  query,
  headers,
  body,
  signedHeaders: ["host", ...Object.keys(headers), "x-amz-date"].sort().join(";"),
  signature
})

export const suiteCases: ReadonlyArray<SuiteCase> = [
  plain("get-header-key-duplicate", "GET", "/", "", "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea", {
    "my-header1": "value2,value2,value1"
  }),
  plain("get-header-value-multiline", "GET", "/", "", "ba17b383a53190154eb5fa66a1b836cc297cc0a3d70a5d00705980573d8ff790", {
    "my-header1": "value1,value2,value3"
  }),
  plain("get-header-value-order", "GET", "/", "", "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01", {
    "my-header1": "value4,value1,value3,value2"
  }),
  plain("get-header-value-trim", "GET", "/", "", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736", {
    "my-header1": " value1",
    "my-header2": "\"a   b   c\""
  }),
  plain("get-unreserved", "GET", `/${unreserved}`, "", "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
  plain("get-utf8", "GET", "/ሴ", "", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
  plain("get-vanilla", "GET", "/", "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
  plain("get-vanilla-empty-query-key", "GET", "/", "Param1=value1", "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"),
  plain("get-vanilla-query", "GET", "/", "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
  plain(
    "get-vanilla-query-order-key-case",
    "GET",
    "/",
    "Param2=value2&Param1=value1",
    "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"
  ),
  plain(
    "get-vanilla-query-unreserved",
    "GET",
    "/",
    `${unreserved}=${unreserved}`,
    "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"
  ),
  plain("get-vanilla-utf8-query", "GET", "/", "%E1%88%B4=bar", "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
  plain("post-header-key-case", "POST", "/", "", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
  plain("post-header-key-sort", "POST", "/", "", "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c", {
    "my-header1": "value1"
  }),
  plain("post-header-value-case", "POST", "/", "", "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d", {
    "my-header1": "VALUE1"
  }),
  plain("post-vanilla", "POST", "/", "", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
  plain(
    "post-vanilla-empty-query-value",
    "POST",
    "/",
    "Param1=value1",
    "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"
  ),
  plain("post-vanilla-query", "POST", "/", "Param1=value1", "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
  plain(
    "post-vanilla-query-nonunreserved",
    "POST",
    "/",
    "%40%23%24%25%5E=&%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D",
    "66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e"
  ),
  plain("post-vanilla-query-space", "POST", "/", "p=", "e71688addb58a26418614085fb730ba3faa623b461c17f48f2fbdb9361b94a9b"),
  plain(
    "post-x-www-form-urlencoded",
    "POST",
    "/",
    "",
    "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
    { "content-type": "application/x-www-form-urlencoded" },
    "Param1=value1"
  ),
  plain(
    "post-x-www-form-urlencoded-parameters",
    "POST",
    "/",
    "",
    "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe",
    { "content-type": "application/x-www-form-urlencoded; charset=utf8" },
    "Param1=value1"
  ),
  // normalize-path/: relative and empty segments sign as the path they resolve to.
  plain("get-relative", "GET", "/example/..", "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
  plain("get-relative-relative", "GET", "/example1/example2/../..", "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
  plain("get-slash", "GET", "//", "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
  {
    name: "post-sts-header-before",
    method: "POST",
    path: "/",
    query: "",
    headers: {},
    body: "",
    sessionToken: suiteSessionToken,
    signedHeaders: "host;x-amz-date;x-amz-security-token",
    signature: "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"
  }
]
