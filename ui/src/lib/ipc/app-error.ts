// The error shape of every command rejection (Rust's `Error`), and the normaliser for anything else.
// Kept apart from index.ts so code without Tauri (the dev preview) can use it.
import type { Error as AppError } from "$lib/bindings/Error";
import type { ErrorCode } from "$lib/bindings/ErrorCode";

export type { AppError };

/** Every error code Rust can send; tsc keeps it complete. */
export const ERROR_CODES: Record<ErrorCode, true> = {
  invalid_input: true,
  read_only_key: true,
  unknown_key: true,
  empty_value_hides_default: true,
  goenv_unavailable: true,
  not_a_file: true,
  conflict: true,
  nothing_to_undo: true,
  io: true,
  external: true,
  corrupt: true,
  keychain_locked: true,
  keychain_unavailable: true,
  keychain_timeout: true,
  bundle_refused: true,
  bundle_needs_acceptance: true,
};

/** The keychain failures: their translated text says all, so Rust's English sentence is not shown. */
const KEYCHAIN_CODES: ReadonlySet<ErrorCode> = new Set([
  "keychain_locked",
  "keychain_unavailable",
  "keychain_timeout",
]);

export function isKeychainError(error: AppError): boolean {
  return KEYCHAIN_CODES.has(error.code);
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.keys(ERROR_CODES).includes(value);
}

/**
 * Turns whatever a command rejected with into the Rust `Error` shape. Rust errors pass through;
 * anything else (a Tauri failure such as a missing command, a thrown JS error, a string) becomes
 * code `external` with its text as the message.
 */
export function toAppError(reason: unknown): AppError {
  if (typeof reason === "object" && reason !== null) {
    const { code, message, field, rule } = reason as Record<string, unknown>;
    if (typeof message === "string" && isErrorCode(code)) {
      const error: AppError =
        typeof field === "string" ? { code, message, field } : { code, message };
      if (typeof rule === "string") error.rule = rule;
      return error;
    }
    if (typeof message === "string" && message !== "") {
      return { code: "external", message };
    }
  }
  if (typeof reason === "string" && reason !== "") {
    return { code: "external", message: reason };
  }
  return { code: "external", message: String(reason) };
}
