import type { ErrorCode } from "$lib/bindings/ErrorCode";

/**
 * The inputs whose `invalid_input` errors get their own sentence: the `field` Rust names
 * (`Error::invalid(field, ...)`), without the CLI's leading `--`.
 */
export type InputField =
  | "url"
  | "name"
  | "ca_file"
  | "host"
  | "user"
  | "login"
  | "token"
  | "password"
  | "module"
  | "project"
  | "mirrors"
  | "deadline_secs"
  | "run_id"
  | "ssh_base"
  | "helper"
  | "GOAUTH"
  | "netrc"
  | "ops"
  | "id"
  | "change";

/** How an error from Rust (`{code, message, field?}`) is worded; Rust's message is only a detail. */
export type ErrorMessages = {
  title: string;
  /** The value an error concerns (a key, a path, an argument); `{field}` is that value. */
  field: string;
  /** The label of Rust's own text (English, with paths and go's output), kept collapsed. */
  details: string;
  /** One sentence per code, for errors no finer sentence below fits. */
  codes: Record<ErrorCode, string>;
  /** `invalid_input` by the input it names: the rule to follow. */
  inputs: Record<InputField, string>;
  /** `invalid_input` naming a go setting (GOPROXY, GOPRIVATE...); `{key}` is the setting. */
  setting: string;
  /** `io` naming an environment variable: a file cannot be located; `{key}` is the variable. */
  unlocated: string;
};
