import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { postDelivery } from "./deliver";
import { checkTarget, isPublicAddress } from "./target-guard";

afterEach(() => {
  delete process.env.MURMUR_WEBHOOK_ALLOW_PRIVATE;
});

const reason = (url: string) =>
  checkTarget(url).then(
    () => "accepted",
    (e) => (e as { extra?: { details?: { reason?: string } } }).extra?.details?.reason ?? String(e),
  );

describe("where a webhook may point", () => {
  it("refuses loopback, private, link-local, metadata and mapped addresses, in every spelling", async () => {
    for (const address of [
      "127.0.0.1",
      "127.1.2.3",
      "10.0.0.1",
      "172.16.5.5",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "::1",
      "::",
      "fe80::1",
      "fd12::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "64:ff9b::a00:1",
    ])
      expect(isPublicAddress(address), address).toBe(false);
    for (const address of ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"]) expect(isPublicAddress(address), address).toBe(true);
    expect(await reason("https://127.0.0.1/hook")).toBe("private_address");
    expect(await reason("https://[::1]/hook")).toBe("private_address");
    expect(await reason("https://[::ffff:7f00:1]/hook")).toBe("private_address");
    expect(await reason("https://169.254.169.254/latest/meta-data")).toBe("private_address");
    expect(await reason("https://localhost/hook")).toBe("private_address"); // a name that resolves to loopback
    expect(await reason("http://93.184.216.34/hook")).toBe("https_only");
    expect(await reason("https://user:pw@93.184.216.34/hook")).toBe("credentials_in_url");
    expect(await reason("https://93.184.216.34/hook")).toBe("accepted");
  });

  it("checks the address again when it connects: a name resolving to loopback is refused then too", async () => {
    const got: string[] = [];
    const receiver = http.createServer((req, res) => (got.push(req.url ?? ""), res.end()));
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const port = (receiver.address() as AddressInfo).port;
    try {
      // As if the name had resolved to a public address at registration and to loopback now.
      const refused = await postDelivery(`http://localhost:${port}/rebind`, "whsec_c2VjcmV0", "msg_1", "{}", new Date());
      expect(refused).toEqual({ ok: false, status: null, error: "private address" });
      expect(await postDelivery(`http://127.0.0.1:${port}/literal`, "whsec_c2VjcmV0", "msg_2", "{}", new Date())).toMatchObject({ ok: false, error: "private address" });
      expect(got).toEqual([]);
      process.env.MURMUR_WEBHOOK_ALLOW_PRIVATE = "1";
      expect(await postDelivery(`http://localhost:${port}/allowed`, "whsec_c2VjcmV0", "msg_3", "{}", new Date())).toEqual({ ok: true, status: 200, error: null });
      expect(got).toEqual(["/allowed"]);
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });
});
