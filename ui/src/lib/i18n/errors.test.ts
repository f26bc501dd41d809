import { describe, expect, it } from "vitest";
import type { ErrorCode } from "$lib/bindings/ErrorCode";
import { ERROR_CODES } from "$lib/ipc/app-error";
import { errorText, fieldErrorText } from "./errors-text";
import type { InputField } from "./errors-types";
import { catalogs } from "./i18n.svelte";

const CODES = Object.keys(ERROR_CODES) as ErrorCode[];
// tsc rejects this object when an input is added to (or removed from) InputField.
const INPUTS: Record<InputField, true> = {
  url: true,
  name: true,
  ca_file: true,
  host: true,
  user: true,
  login: true,
  token: true,
  password: true,
  module: true,
  project: true,
  mirrors: true,
  deadline_secs: true,
  run_id: true,
  ssh_base: true,
  helper: true,
  GOAUTH: true,
  netrc: true,
  ops: true,
  id: true,
  change: true,
};
const HAN = /\p{Script=Han}/u;
const PLACEHOLDER = /\{\w+\}/;

/** Fields as Rust sends them: none, an input, a go setting, an environment variable, a path. */
const FIELDS = [
  undefined,
  ...Object.keys(INPUTS),
  "--module",
  "GOPROXY",
  "NETRC",
  "/home/a/.netrc",
];

describe("error catalogues", () => {
  it("word every error code and every input in English and Chinese", () => {
    for (const [locale, catalog] of Object.entries(catalogs)) {
      const m = catalog.errors;
      expect(Object.keys(m.codes).sort(), locale).toEqual([...CODES].sort());
      expect(Object.keys(m.inputs).sort(), locale).toEqual(Object.keys(INPUTS).sort());
      for (const text of [...Object.values(m.codes), ...Object.values(m.inputs)]) {
        expect(text.trim(), locale).not.toBe("");
        expect(text, locale).not.toMatch(PLACEHOLDER);
        if (locale === "zh-CN") expect(text).toMatch(HAN);
      }
    }
  });

  it("leave no placeholder unfilled for any code and field", () => {
    for (const [locale, catalog] of Object.entries(catalogs)) {
      for (const code of CODES) {
        for (const field of FIELDS) {
          const error = { code, message: "cannot open /x: denied", ...(field ? { field } : {}) };
          const { sentence, value } = errorText(error, catalog.errors);
          expect(sentence, `${locale} ${code} ${field}`).not.toMatch(PLACEHOLDER);
          expect(sentence.trim(), `${locale} ${code} ${field}`).not.toBe("");
          if (locale === "zh-CN") expect(sentence, `${code} ${field}`).toMatch(HAN);
          if (value !== undefined) expect(value).toBe(field);
        }
      }
    }
  });

  it("pick a sentence by the field where the code is too coarse", () => {
    const m = catalogs["zh-CN"].errors;
    const invalid = (field: string) =>
      errorText({ code: "invalid_input", message: "english", field }, m);
    expect(invalid("url")).toEqual({ sentence: m.inputs.url });
    expect(invalid("GOPRIVATE").sentence).not.toBe(invalid("url").sentence);
    expect(invalid("--module")).toEqual({ sentence: m.inputs.module });
    expect(invalid("GOPRIVATE")).toEqual({
      sentence: "GOPRIVATE 的值不符合 Go 对这个设置的规则。",
    });
    expect(errorText({ code: "io", message: "english", field: "NETRC" }, m).sentence).toContain(
      "NETRC",
    );
    // A path is a value: the code's sentence, and the path named beside it.
    expect(errorText({ code: "io", message: "english", field: "/a/b" }, m)).toEqual({
      sentence: m.codes.io,
      value: "/a/b",
    });
    expect(errorText({ code: "conflict", message: "english" }, m)).toEqual({
      sentence: m.codes.conflict,
    });
  });

  it("keep Rust's English out of a field's error in Chinese only", () => {
    const error = { code: "invalid_input", message: "the token is empty", field: "token" } as const;
    expect(fieldErrorText("Rule.", error, "en")).toBe("Rule. the token is empty");
    expect(fieldErrorText("规则。", error, "zh-CN")).toBe("规则。");
  });
});
