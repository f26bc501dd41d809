// How the go command would fetch a path (Rust's FetchRoute), in words.
import type { FetchRoute } from "$lib/bindings/FetchRoute";
import { fill } from "$lib/i18n/locale";
import type { PrivateMessages } from "$lib/i18n/private-types";

/** A proxy URL without any login or password written into it. */
export function withoutUserinfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1***@");
}

export function describeRoute(route: FetchRoute, m: PrivateMessages["explain"]): string {
  switch (route.kind) {
    case "direct":
      return route.insecure ? fill(m.routeInsecure, { route: m.routes.direct }) : m.routes.direct;
    case "proxies": {
      const urls = route.urls.map(withoutUserinfo).join(m.urlSeparator);
      const through = fill(m.routes.proxies, { urls });
      return route.then_direct ? fill(m.routeThenDirect, { route: through }) : through;
    }
    case "off":
      return m.routes.off;
    case "invalid":
      return fill(m.routes.invalid, { message: route.message });
  }
}
