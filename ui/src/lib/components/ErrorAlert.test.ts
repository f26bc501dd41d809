import { render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import type { ErrorCode } from "$lib/bindings/ErrorCode";
import { i18n } from "$lib/i18n/i18n.svelte";
import { ERROR_CODES, type AppError } from "$lib/ipc/app-error";
import ErrorAlert from "./ErrorAlert.svelte";

const MESSAGE =
  "cannot write /home/alice/.config/go/env: permission denied (os error 13); nothing was written";

/** The alert's text a user sees without opening the collapsed details. */
function visibleText(alert: HTMLElement): string {
  const copy = alert.cloneNode(true) as HTMLElement;
  for (const details of copy.querySelectorAll("details")) {
    details.querySelectorAll(":scope > :not(summary)").forEach((node) => node.remove());
  }
  return copy.textContent ?? "";
}

/** Three or more English words in a row (what a sentence looks like; a path or key is one word). */
const ENGLISH_PROSE = /[A-Za-z]{2,}[,;:]?\s+[A-Za-z]{2,}[,;:]?\s+[A-Za-z]{2,}/;

afterEach(() => i18n.set("en"));

describe("ErrorAlert", () => {
  it("shows no English prose in Chinese, keeping Rust's text in collapsed details", () => {
    i18n.set("zh-CN");
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      for (const field of [undefined, "url", "GOPROXY", "/home/alice/.config/go/env"]) {
        const error: AppError = { code, message: MESSAGE, ...(field ? { field } : {}) };
        const { unmount } = render(ErrorAlert, { error });
        const alert = screen.getByTestId("error-alert");
        const visible = visibleText(alert);
        expect(visible, `${code} ${field}`).not.toMatch(ENGLISH_PROSE);
        expect(visible, `${code} ${field}`).toMatch(/\p{Script=Han}/u);
        if (field?.startsWith("/")) expect(visible).toContain(field);
        const details = alert.querySelector("details");
        if (code.startsWith("keychain_")) {
          expect(details, code).toBeNull();
        } else {
          expect(details?.open, code).toBe(false);
          expect(details?.querySelector("summary")?.textContent).toBe("技术细节");
          expect(details?.textContent, code).toContain(MESSAGE);
        }
        unmount();
      }
    }
  });

  it("the check above finds English prose when it is there", () => {
    i18n.set("zh-CN");
    render(ErrorAlert, { error: { code: "io", message: MESSAGE }, hint: "Try it again later" });
    expect(visibleText(screen.getByTestId("error-alert"))).toMatch(ENGLISH_PROSE);
  });

  it("adds Rust's sentence as the detail in English", () => {
    render(ErrorAlert, { error: { code: "io", message: MESSAGE, field: "/tmp/x" } });
    const alert = screen.getByTestId("error-alert");
    expect(alert.querySelector("details")).toBeNull();
    expect(screen.getByTestId("error-message")).toHaveTextContent(MESSAGE);
    expect(alert).toHaveTextContent("A file could not be read or written");
    expect(alert).toHaveTextContent("Concerns: /tmp/x");
  });

  it("words a rejected URL by its field, not as a bare value", () => {
    i18n.set("zh-CN");
    render(ErrorAlert, {
      error: { code: "invalid_input", message: 'url "ftp://x": unsupported scheme', field: "url" },
    });
    const visible = visibleText(screen.getByTestId("error-alert"));
    expect(visible).toContain("请检查 URL");
    expect(visible).not.toContain("涉及");
  });

  it("keeps a page's title and still says what went wrong", () => {
    i18n.set("zh-CN");
    render(ErrorAlert, { error: { code: "io", message: MESSAGE }, title: "无法读取 .netrc" });
    const visible = visibleText(screen.getByTestId("error-alert"));
    expect(visible).toContain("无法读取 .netrc");
    expect(visible).toContain("无法读取或写入文件");
  });
});
