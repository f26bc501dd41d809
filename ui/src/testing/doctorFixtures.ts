// Doctor values in the shapes of the generated bindings, for tests and the dev preview.
import type { DoctorFinding } from "$lib/bindings/DoctorFinding";
import type { EndpointCheck } from "$lib/bindings/EndpointCheck";
import type { LogExplanation } from "$lib/bindings/LogExplanation";

export const GOOD_PROXY = "https://goproxy.cn";
export const FORBIDDEN_PROXY = "https://goproxy.corp.example.com";
export const SUMDB = "https://sum.golang.org";

/** Every endpoint settled: one proxy reachable, one answering 403, the checksum database timing out. */
export function settledEndpoints(): EndpointCheck[] {
  return [
    {
      url: GOOD_PROXY,
      role: "proxy",
      ok: true,
      running: undefined,
      sumdb_relay: true,
      steps: [
        { step: "dns", ok: true, ms: 3 },
        { step: "tcp", ok: true, ms: 12 },
        { step: "tls", ok: true, ms: 20 },
        { step: "http", ok: true, ms: 35, status: 200 },
      ],
    },
    {
      url: FORBIDDEN_PROXY,
      role: "proxy",
      ok: false,
      running: undefined,
      steps: [
        { step: "dns", ok: true, ms: 2 },
        { step: "tcp", ok: true, ms: 4 },
        { step: "tls", ok: true, ms: 9 },
        { step: "http", ok: false, ms: 15, status: 403, code: "proxy.forbidden" },
      ],
    },
    {
      url: SUMDB,
      role: "sumdb",
      ok: false,
      running: undefined,
      steps: [
        { step: "dns", ok: true, ms: 4 },
        { step: "tcp", ok: false, ms: 10000, code: "net.timeout" },
      ],
    },
  ];
}

export const FORBIDDEN_LOG = [
  "go: downloading example.com/hello v1.0.0",
  `go: example.com/hello@v1.0.0: reading ${FORBIDDEN_PROXY}/example.com/hello/@v/v1.0.0.info: 403 Forbidden`,
  `go: example.com/other@v1.2.0: reading ${FORBIDDEN_PROXY}/example.com/other/@v/v1.2.0.info: 403 Forbidden`,
].join("\n");

export function forbiddenFinding(): DoctorFinding {
  return {
    code: "proxy.forbidden",
    severity: "error",
    host: "goproxy.corp.example.com",
    modules: ["example.com/hello@v1.0.0", "example.com/other@v1.2.0"],
    lines: [2, 3],
    message: "goproxy.corp.example.com refused access (403).",
    params: { host: "goproxy.corp.example.com", status: "403" },
    fix: { kind: "go_env", ops: [{ op: "set", key: "GOPROXY", value: `${GOOD_PROXY},direct` }] },
  };
}

export function mismatchFinding(): DoctorFinding {
  return {
    code: "checksum.gosum_mismatch",
    severity: "error",
    modules: ["example.com/hello@v1.0.0"],
    lines: [1],
    message: "The download of example.com/hello@v1.0.0 does not match go.sum.",
    params: {},
    fix: {
      kind: "manual",
      hint: "Compare go.sum with a second source before running go clean -modcache.",
    },
  };
}

export function forbiddenExplanation(): LogExplanation {
  return { findings: [forbiddenFinding()], lines: 3 };
}
