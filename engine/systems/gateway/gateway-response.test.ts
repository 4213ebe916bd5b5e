import { describe, expect, it } from "vitest";
import { upstreamFailure } from "./gateway-response";

describe("gateway: upstream failures as HTTP", () => {
  it("upstream failures: a timeout is 504, an upstream error 502, no instance or an open breaker 503", () => {
    expect(upstreamFailure("timeout").status).toBe(504);
    expect(upstreamFailure("error").status).toBe(502);
    expect(upstreamFailure("service-unavailable").status).toBe(503);
    expect(upstreamFailure("breaker-open")).toEqual({ status: 503, outcome: "upstream-unavailable", code: "unavailable" });
    expect(upstreamFailure("bulkhead-full").code).toBe("overloaded");
  });
});
