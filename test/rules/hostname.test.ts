import { describe, expect, it } from "vitest";
import { normaliseHostname, registeredDomainOf } from "../../rules/hostname";

describe("normaliseHostname", () => {
  it.each([
    ["shop.example.com.cn", "shop.example.com.cn", "example.com.cn"],
    ["WWW.Example.COM.", "www.example.com", "example.com"],
    ["*.example.com", "example.com", "example.com"],
    [".example.com", "example.com", "example.com"],
    ["https://www.example.com:8443/path?q=1", "www.example.com", "example.com"],
    ["例子.中国", "xn--fsqu00a.xn--fiqs8s", "xn--fsqu00a.xn--fiqs8s"],
    ["www.例子.中国", "www.xn--fsqu00a.xn--fiqs8s", "xn--fsqu00a.xn--fiqs8s"],
    ["a.b.bj.cn", "a.b.bj.cn", "b.bj.cn"],
    ["foo.github.io", "foo.github.io", "github.io"], // ICANN section only: private suffixes do not count
  ])("%s → %s (registered %s)", (raw, hostname, registered) => {
    expect(normaliseHostname(raw)).toEqual({ ok: true, value: { kind: "custom", hostname, registeredDomain: registered } });
  });

  it.each([
    ["bucket.oss-cn-hangzhou.aliyuncs.com", "cloud-assigned"],
    ["example-1250000000.cos.ap-guangzhou.myqcloud.com", "cloud-assigned"],
    ["www.example.com.cdn.dnsv1.com", "cloud-assigned"],
    ["1.2.3.4", "ip"],
    ["[2001:db8::1]:443", "ip"],
    ["com.cn", "not-registrable"],
    ["intranet.local", "not-registrable"],
  ])("%s is %s", (raw, kind) => {
    const result = normaliseHostname(raw);
    expect(result.ok && result.value.kind).toBe(kind);
  });

  it.each(["", "   ", "*", "*.", "exa mple.com", "a.*.example.com", "x".repeat(300) + ".com"])("rejects %j", (raw) => {
    expect(normaliseHostname(raw).ok).toBe(false);
  });

  it("gives the registered domain of cloud names too", () => {
    expect(registeredDomainOf("x.oss-cn-hangzhou.aliyuncs.com")).toBe("aliyuncs.com");
    expect(registeredDomainOf("1.2.3.4")).toBeUndefined();
  });
});
