import { describe, expect, it } from "vitest";
import { resolveGatewayOptions } from "./gateway-options";
import { RouteTable } from "./route-table";

const routes = (list: Array<Record<string, unknown>>) => resolveGatewayOptions({ routes: list }, "gateway gw/gateway").routes;
describe("gateway: route table", () => {
  it("route table: the longest prefix wins whatever the order, and strip_path removes it", () => {
    const t = new RouteTable(routes([{ path: "/orders", service: "orders" }, { path: "/orders/admin", service: "admin" }, { path: "/", service: "web", id: "web" }]));
    expect(t.match("/orders/admin/7")).toMatchObject({ route: { service: "admin" }, upstreamPath: "/7" });
    expect(t.match("/orders/7?x=1")).toMatchObject({ route: { service: "orders" }, upstreamPath: "/7" });
    expect(t.match("/orders")).toMatchObject({ route: { service: "orders" }, upstreamPath: "/" });
    expect(t.match("/users/1")).toMatchObject({ route: { service: "web" }, upstreamPath: "/users/1" });
  });

  it("route table: a plain prefix also matches /ordersx, as nginx's prefix locations do; no match is null", () => {
    const t = new RouteTable(routes([{ path: "/orders", service: "orders", stripPath: false }]));
    expect(t.match("/ordersx")?.upstreamPath).toBe("/ordersx");
    expect(t.match("/users")).toBeNull();
  });
});
