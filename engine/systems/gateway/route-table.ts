import type { RouteOptions } from "./gateway-options";

/** A route that matched a request, and the path the upstream will see. */
export interface RouteMatch {
  route: RouteOptions;
  /** The path forwarded upstream: with the prefix stripped when the route says so. */
  upstreamPath: string;
}

/**
 * Path-prefix routing by the longest match, the rule of nginx's prefix `location` blocks that
 * Kong (built on nginx) also follows for plain paths: the route with the longest matching prefix
 * wins, whatever order the routes were written in, so `/orders/admin` can be carved out of
 * `/orders`. The match is a plain string prefix, so `/orders` also matches `/ordersx`, as it does
 * in nginx; write `/orders/` to prevent it. The query string is ignored. With strip_path the
 * matched prefix is removed and the upstream sees at least `/`.
 */
export class RouteTable {
  /** Routes sorted longest prefix first; equal lengths keep their written order. */
  private readonly ordered: RouteOptions[];

  constructor(routes: readonly RouteOptions[]) {
    this.ordered = routes.map((r, i) => ({ r, i })).sort((a, b) => b.r.path.length - a.r.path.length || a.i - b.i).map((x) => x.r);
  }

  /** The route for `path`, or null (Kong answers 404 "no Route matched with those values"). */
  match(path: string): RouteMatch | null {
    const clean = path.split("?")[0];
    for (const route of this.ordered) {
      if (!clean.startsWith(route.path)) continue;
      let upstreamPath = clean;
      if (route.stripPath) {
        upstreamPath = clean.slice(route.path.length);
        if (!upstreamPath.startsWith("/")) upstreamPath = `/${upstreamPath}`;
      }
      return { route, upstreamPath };
    }
    return null;
  }
}
