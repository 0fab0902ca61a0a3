import { assert, describe, it } from "vitest"
import { cidrContains, parseCidr } from "./ipCidr.ts"

const inRange = (cidr: string, ip: string): boolean => {
  const range = parseCidr(cidr)
  assert.isDefined(range, cidr)
  return cidrContains(range!, ip)
}

describe("CIDR ranges", () => {
  it("contains the addresses of an IPv4 range and no others", () => {
    assert.isTrue(inRange("203.0.113.0/24", "203.0.113.0"))
    assert.isTrue(inRange("203.0.113.0/24", "203.0.113.255"))
    assert.isFalse(inRange("203.0.113.0/24", "203.0.114.1"))
    assert.isTrue(inRange("0.0.0.0/0", "198.51.100.7"))
  })
  it("reads an address without a prefix as /32", () => {
    assert.isTrue(inRange("203.0.113.9", "203.0.113.9"))
    assert.isFalse(inRange("203.0.113.9", "203.0.113.10"))
  })
  it("handles IPv6 ranges, :: compression and mixed case", () => {
    assert.isTrue(inRange("2001:DB8:1234:5678::/64", "2001:db8:1234:5678:abcd::1"))
    assert.isFalse(inRange("2001:DB8:1234:5678::/64", "2001:db8:1234:5679::1"))
    assert.isTrue(inRange("::1", "0:0:0:0:0:0:0:1"))
    assert.isTrue(inRange("::ffff:0:0/96", "::ffff:192.0.2.1"))
  })
  it("never matches an address of the other family", () => {
    assert.isFalse(inRange("0.0.0.0/0", "::1"))
    assert.isFalse(inRange("::/0", "192.0.2.1"))
  })
  it("rejects malformed ranges and never matches malformed addresses", () => {
    for (const bad of ["203.0.113.0/33", "256.0.0.1", "1.2.3", "2001:db8::1::2", "10.0.0.0/x", "1:2:3:4:5:6:7:8:9", ""]) {
      assert.isUndefined(parseCidr(bad), bad)
    }
    assert.isFalse(inRange("10.0.0.0/8", "not-an-ip"))
  })
})
