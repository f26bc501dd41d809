// The text under an input the options were refused for: the page's rule for the input, then
// (in English) Rust's precise sentence.
import type { AppError } from "$lib/ipc/app-error";
import { fieldErrorText } from "$lib/i18n/errors-text";
import type { Locale } from "$lib/i18n/locale";
import type { FormField } from "./options";

export function errorAt(
  field: FormField,
  rule: string,
  refused: { field: FormField; error: AppError } | null,
  locale: Locale,
): string {
  if (refused?.field !== field) return "";
  // A value the form refused itself has no Rust sentence.
  return refused.error.message === "" ? rule : fieldErrorText(rule, refused.error, locale);
}
