// Which sentence an error from Rust (`{code, message, field?}`) is shown with. The code picks it;
// where a code is too coarse (`invalid_input`), the field Rust names picks a finer one.
import type { AppError } from "$lib/ipc/app-error";
import type { ErrorMessages, InputField } from "./errors-types";
import { fill, type Locale } from "./locale";

/** A go setting or environment variable as Rust names it in `field` (GOPROXY, NETRC). */
const SETTING_NAME = /^[A-Z][A-Z0-9_]*$/;

export type ErrorText = {
  /** What went wrong and what to do, in the current language. */
  sentence: string;
  /** The value the error concerns (a key, a path), when the sentence does not name it already. */
  value?: string;
};

function isInputField(field: string, m: ErrorMessages): field is InputField {
  return Object.hasOwn(m.inputs, field);
}

export function errorText(error: AppError, m: ErrorMessages): ErrorText {
  if (error.field === undefined) return { sentence: m.codes[error.code] };
  // The CLI names its flags (`--module`); the UI's inputs are the same values.
  const field = error.field.replace(/^--/, "");
  if (error.code === "invalid_input") {
    if (isInputField(field, m)) return { sentence: m.inputs[field] };
    if (SETTING_NAME.test(field)) return { sentence: fill(m.setting, { key: field }) };
  }
  if (error.code === "io" && SETTING_NAME.test(field)) {
    return { sentence: fill(m.unlocated, { key: field }) };
  }
  return { sentence: m.codes[error.code], value: error.field };
}

/** Rust's messages are English: shown as prose in English only, elsewhere kept as a detail. */
export function showsRustMessage(locale: Locale): boolean {
  return locale === "en";
}

/**
 * The text under an input Rust rejected: the page's rule for that input, then in English Rust's
 * sentence (the most precise); other languages keep Rust's English out of the form.
 */
export function fieldErrorText(rule: string, error: AppError, locale: Locale): string {
  return showsRustMessage(locale) ? `${rule} ${error.message}` : rule;
}
