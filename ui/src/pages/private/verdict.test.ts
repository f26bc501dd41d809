import { describe, expect, it } from "vitest";
import { en } from "$lib/i18n/en";
import { zhCN } from "$lib/i18n/zh-CN";
import {
  emptyPrivateOverview,
  lockedKeychainOverview,
  missingHost,
  privateOverview,
  storedHost,
} from "../../testing/privateFixtures";
import { privateVerdict, tokenState } from "./verdict";

const verdict = (overview: ReturnType<typeof privateOverview>) =>
  privateVerdict(en.private, "en", overview, en.common.clauseSeparator);

describe("private verdict", () => {
  it("is good when patterns, tokens and GOAUTH are in place", () => {
    expect(verdict(privateOverview())).toEqual({
      text: "2 patterns, 1 host with a token in the keychain; GOAUTH serves the tokens to Go",
      tone: "good",
    });
  });

  it("is neutral and says where to start when nothing is set up", () => {
    expect(verdict(emptyPrivateOverview()).tone).toBeUndefined();
  });

  it("names a missing token first, in amber", () => {
    const overview = { ...privateOverview(), hosts: [storedHost(), missingHost()] };
    expect(verdict(overview)).toEqual({
      text: "The token for goproxy.corp.example.com:8443 is missing from the keychain; 2 patterns, 1 host with a token in the keychain; GOAUTH serves the tokens to Go",
      tone: "attention",
    });
  });

  it("puts the keychain state before a missing token", () => {
    expect(verdict(lockedKeychainOverview()).text).toBe(
      "The keychain is locked; 2 patterns, 2 hosts; GOAUTH serves the tokens to Go",
    );
  });

  it("warns when Go cannot get the tokens", () => {
    const old = { ...privateOverview(), goauth: { supported: false, helper_configured: false } };
    expect(verdict(old)).toMatchObject({
      text: expect.stringContaining("this Go reads tokens only from .netrc"),
      tone: "attention",
    });
    const withNetrc = {
      ...old,
      hosts: [{ ...storedHost(), host: { ...storedHost().host, netrc: true } }],
    };
    expect(verdict(withNetrc)).toMatchObject({
      text: expect.stringContaining("Go reads the tokens from .netrc"),
      tone: "good",
    });
  });

  it("counts without plural forms in Chinese", () => {
    expect(
      privateVerdict(zhCN.private, "zh-CN", privateOverview(), zhCN.common.clauseSeparator).text,
    ).toBe("2 条规则，1 个主机的令牌保存在系统钥匙串中；GOAUTH 会把令牌交给 Go");
  });

  it("reads token status as stored, missing or unknown", () => {
    expect(tokenState(storedHost())).toBe("stored");
    expect(tokenState(missingHost())).toBe("missing");
    expect(tokenState({ ...storedHost(), stored: undefined, keychain: "locked" })).toBe("unknown");
  });
});
