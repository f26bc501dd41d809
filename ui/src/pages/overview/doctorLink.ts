// Overview findings whose failures the Doctor explains and checks (the go error each one causes).
import type { DoctorCode } from "$lib/bindings/DoctorCode";
import type { FindingCode } from "$lib/bindings/FindingCode";

const DOCTOR_CODES: Partial<Record<FindingCode, DoctorCode>> = {
  goproxy_off: "config.goproxy_off",
  goproxy_invalid: "config.goproxy",
  goflags_insecure: "config.goflags",
  http_proxy_in_effect: "net.http_proxy",
  goauth_invalid: "config.goauth",
  goauth_command_missing: "auth.goauth_helper_failed",
};

/** The Doctor code for the downloads this finding breaks; null when the Doctor has none. */
export function doctorCodeFor(code: FindingCode): DoctorCode | null {
  return DOCTOR_CODES[code] ?? null;
}
