// The Team page: the onboarding wizard from opening a bundle to the copyable summary (with the
// fixtures' bundle: one mirror, one private host, one GOINSECURE item), risky items unticked and
// apply refused until accepted, refusals worded by code and field in both languages, Back, the
// team key, and the Export card's omissions worded by code.
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import ToastHost from "$lib/components/ToastHost.svelte";
import * as ipc from "$lib/ipc";
import { i18n } from "$lib/i18n/i18n.svelte";
import { benchReport } from "../../testing/mirrorFixtures";
import { resetAppState } from "../../testing/reset";
import {
  BUNDLE_FILE,
  PRIVATE_HOST,
  TEAM_KEY_ID,
  TEAM_PUBKEY,
  VERIFY_LINES,
  VERIFY_MODULE,
  bundleApplied,
  bundleAppliedEntry,
  bundleExport,
  bundlePreview,
  verifyReport,
} from "../../testing/teamFixtures";
import TeamPage from "./TeamPage.svelte";
import { wizard } from "./wizard.svelte";

vi.mock("$lib/ipc", async (importOriginal) =>
  (await import("../../testing/teamIpc")).teamIpc(importOriginal),
);

const preview = vi.mocked(ipc.previewBundle);
const apply = vi.mocked(ipc.applyBundle);
const verify = vi.mocked(ipc.verifyBundle);
const bench = vi.mocked(ipc.runBenchmark);

beforeEach(() => {
  vi.resetAllMocks();
  localStorage.clear();
  resetAppState();
  vi.mocked(ipc.detectEnvironment).mockReturnValue(new Promise(() => {}));
  preview.mockResolvedValue(bundlePreview());
  bench.mockResolvedValue({
    ...benchReport(),
    mirrors: [{ ...benchReport().mirrors[0]!, url: "https://goproxy.acme.example" }],
  });
  apply.mockResolvedValue(bundleApplied());
  verify.mockImplementation(async (_run, _origin, onLine) => {
    VERIFY_LINES.forEach(onLine);
    return verifyReport();
  });
});

const step = () => screen.getByTestId("team-wizard").getAttribute("data-step");

/** Renders the page and opens the fixture bundle; resolves on the detect step. */
async function openBundle() {
  const user = userEvent.setup();
  render(TeamPage);
  await user.type(screen.getByTestId("team-source"), BUNDLE_FILE);
  await user.click(screen.getByTestId("team-open"));
  await waitFor(() => expect(step()).toBe("detect"));
  return user;
}

describe("Team wizard", () => {
  it("walks from opening a bundle to a verified setup and a copyable summary", async () => {
    const user = await openBundle();
    render(ToastHost);
    expect(preview).toHaveBeenCalledWith({ source: BUNDLE_FILE }, []);
    expect(screen.getByTestId("verdict")).toHaveTextContent("Team bundle “Acme Go setup” opened");
    expect(screen.getByTestId("team-provenance")).toHaveTextContent(BUNDLE_FILE);

    await user.click(screen.getByTestId("team-next"));
    expect(step()).toBe("benchmark");
    await user.click(screen.getByTestId("team-bench-run"));
    await waitFor(() =>
      expect(screen.getByTestId("team-bench-row")).toHaveAttribute("data-state", "ok"),
    );
    expect(bench).toHaveBeenCalledWith(
      expect.any(String),
      { mirrors: ["https://goproxy.acme.example"], modules: [], no_direct: false },
      expect.any(Function),
    );

    await user.click(screen.getByTestId("team-next"));
    expect(step()).toBe("review");
    const rows = screen.getAllByTestId("team-env-row");
    expect(rows.map((r) => r.getAttribute("data-key"))).toEqual([
      "GOPROXY",
      "GOPRIVATE",
      "GOINSECURE",
      "GOAUTH",
    ]);
    expect(rows[0]).toHaveTextContent("https://proxy.golang.org,direct");
    expect(rows[0]).toHaveTextContent("https://goproxy.acme.example,direct");
    expect(screen.getByTestId("team-findings")).toHaveTextContent(
      "An environment variable keeps overriding this key",
    );
    await user.click(screen.getByTestId("team-risk"));
    await user.click(screen.getByTestId("team-next"));

    expect(step()).toBe("tokens");
    const form = screen.getByTestId("token-form");
    expect(within(form).getByTestId("token-host")).toHaveValue(PRIVATE_HOST);
    expect(within(form).getByTestId("token-host")).toBeDisabled();
    expect(within(form).queryByTestId("token-netrc")).toBeNull();
    await user.type(within(form).getByTestId("token-value"), "glpat-secret-1234");
    await user.click(within(form).getByTestId("token-save"));
    expect(screen.getByTestId("team-token-host")).toHaveAttribute("data-state", "entered");
    expect(document.body).not.toHaveTextContent("glpat-secret-1234");

    await user.click(screen.getByTestId("team-next"));
    expect(step()).toBe("apply");
    await user.click(screen.getByTestId("team-review-apply"));
    const dialog = await screen.findByTestId("plan-dialog");
    expect(within(dialog).getByTestId("plan-note")).toHaveTextContent("one undoable change");
    expect(apply).not.toHaveBeenCalled();
    await user.click(within(dialog).getByTestId("plan-apply"));
    await waitFor(() => expect(step()).toBe("verify"));
    expect(apply).toHaveBeenCalledWith(
      { source: BUNDLE_FILE },
      ["goinsecure"],
      [{ host: PRIVATE_HOST, token: "glpat-secret-1234" }],
    );
    // The token lived in the wizard only until apply settled.
    expect(wizard.tokens).toEqual({});
    expect(screen.getByTestId("toast")).toHaveTextContent(
      "Applied the team bundle “Acme Go setup”",
    );
    const entry = bundleAppliedEntry();
    if (entry.outcome !== "recorded") throw new Error("the fixture entry is recorded");
    vi.mocked(ipc.undoChange).mockResolvedValue({
      id: entry.id,
      time_ms: entry.time_ms,
      summary: entry.summary,
      parts: entry.parts,
      changes: entry.changes,
      undone_at_ms: 1,
    });
    await user.click(screen.getByRole("button", { name: "Undo" }));
    expect(ipc.undoChange).toHaveBeenCalledWith(entry.id);

    expect(screen.getByTestId("team-next")).toBeDisabled();
    await user.click(screen.getByTestId("team-verify-run"));
    await waitFor(() =>
      expect(screen.getByTestId("team-step-verify")).toHaveAttribute("data-state", "ok"),
    );
    expect(screen.getByTestId("team-verify-lines")).toHaveTextContent(VERIFY_LINES[1]!);
    expect(screen.getByTestId("team-verify-result")).toHaveTextContent(
      `${VERIFY_MODULE} downloaded: v1.4.2 in 1240 ms`,
    );
    expect(screen.getByTestId("verdict")).toHaveTextContent("applied and verified");

    await user.click(screen.getByTestId("team-next"));
    expect(step()).toBe("done");
    const summary = screen.getByTestId("team-summary").textContent ?? "";
    expect(summary).toContain("Team bundle “Acme Go setup”");
    expect(summary).toContain("GOPROXY = https://goproxy.acme.example,direct");
    expect(summary).toContain(`Verified: ${VERIFY_MODULE} resolved to v1.4.2`);
    expect(summary).not.toContain("glpat");
    // The summary goes into a ticket: the bundle's GOAUTH, not this machine's helper path.
    expect(summary).toContain("GOAUTH = keychain");
    // A local file by its name only: its folder is the user's own business.
    expect(summary).toContain(BUNDLE_FILE.split("/").pop());
    expect(summary).not.toContain(BUNDLE_FILE);
    expect(summary).not.toContain("/opt/goproxy-assistant");
  });

  it("keeps risky items unticked and refuses to go on or apply until each is accepted", async () => {
    const user = await openBundle();
    await user.click(screen.getByTestId("team-next"));
    await user.click(screen.getByTestId("team-next"));
    expect(step()).toBe("review");
    const risk = screen.getByTestId("team-risk");
    expect(risk).not.toBeChecked();
    expect(risk).toHaveAttribute("data-code", "goinsecure");
    expect(screen.getByTestId("team-risk-why")).toHaveTextContent(
      "fetched without certificate checks",
    );
    expect(screen.getByTestId("team-risks-left")).toBeInTheDocument();
    expect(screen.getByTestId("team-next")).toBeDisabled();
    expect(wizard.accepted).toEqual([]);

    await user.click(risk);
    expect(wizard.accepted).toEqual(["goinsecure"]);
    await user.click(screen.getByTestId("team-next"));
    await user.click(screen.getByTestId("team-next"));
    expect(step()).toBe("apply");
    // Back to the review, untick: the apply step refuses again.
    await user.click(screen.getByTestId("team-back"));
    await user.click(screen.getByTestId("team-back"));
    await user.click(screen.getByTestId("team-risk"));
    wizard.go("apply");
    await waitFor(() => expect(screen.getByTestId("team-review-apply")).toBeDisabled());
    expect(screen.getByTestId("team-apply-refused")).toHaveTextContent("Tick every item");
    await wizard.apply();
    expect(apply).toHaveBeenCalledWith({ source: BUNDLE_FILE }, [], []);
  });

  it("words a refusal by its code and field in English and Chinese, and links to the Doctor", async () => {
    preview.mockRejectedValue({
      code: "bundle_refused",
      message: "bundle refused (secret_field): hosts[0].token: a bundle never carries a token",
      field: "hosts[0].token",
      rule: "secret_field",
    });
    const user = userEvent.setup();
    render(TeamPage);
    await user.type(screen.getByTestId("team-source"), "/tmp/bad.toml");
    await user.click(screen.getByTestId("team-open"));
    const refusal = await screen.findByTestId("team-refusal");
    expect(step()).toBe("open");
    expect(refusal).toHaveAttribute("data-rule", "secret_field");
    expect(refusal).toHaveTextContent(
      "Refused at hosts[0].token: A bundle never carries a token, password or other secret.",
    );
    expect(screen.getByTestId("team-failed-at")).toHaveTextContent("The “Open” step failed.");
    expect(screen.getByTestId("verdict")).toHaveTextContent("A step of the onboarding failed");

    i18n.set("zh-CN");
    await waitFor(() =>
      expect(screen.getByTestId("team-refusal")).toHaveTextContent("在 hosts[0].token 处被拒绝："),
    );
    expect(screen.getByTestId("team-refusal")).toHaveTextContent(i18n.m.team.refusals.secret_field);
    expect(i18n.m.team.refusals.secret_field).not.toBe("");
    expect(screen.getByTestId("team-failed-at")).toHaveTextContent("“打开”这一步失败了。");

    await user.click(screen.getByTestId("team-open-doctor"));
    const { navigation } = await import("$lib/state/navigation.svelte");
    expect(navigation.page).toBe("doctor");
  });

  it("words a pin mismatch and a bad signature by code", async () => {
    preview.mockRejectedValueOnce({
      code: "bundle_refused",
      message: "x",
      field: "sha256",
      rule: "sha256_mismatch",
    });
    const user = userEvent.setup();
    render(TeamPage);
    await user.type(screen.getByTestId("team-source"), BUNDLE_FILE);
    await user.click(screen.getByTestId("team-open"));
    expect(await screen.findByTestId("team-refusal")).toHaveTextContent(
      "Refused at sha256: The file's SHA-256 differs from the pinned one",
    );
    preview.mockRejectedValueOnce({
      code: "bundle_refused",
      message: "x",
      field: "signature",
      rule: "signature_invalid",
    });
    await user.click(screen.getByTestId("team-open"));
    await waitFor(() =>
      expect(screen.getByTestId("team-refusal")).toHaveAttribute("data-rule", "signature_invalid"),
    );
    expect(screen.getByTestId("team-refusal")).toHaveTextContent("a byte was changed");
  });

  it("goes back on every step and keeps what was typed", async () => {
    const user = await openBundle();
    await user.click(screen.getByTestId("team-next"));
    await user.click(screen.getByTestId("team-next"));
    await user.click(screen.getByTestId("team-risk"));
    for (const expected of ["tokens", "apply"]) {
      await user.click(screen.getByTestId("team-next"));
      expect(step()).toBe(expected);
    }
    for (const expected of ["tokens", "review", "benchmark", "detect", "open"]) {
      await user.click(screen.getByTestId("team-back"));
      expect(step()).toBe(expected);
    }
    expect(screen.getByTestId("team-source")).toHaveValue(BUNDLE_FILE);
    expect(screen.queryByTestId("team-back")).toBeNull();
  });

  it("keeps a pasted team key by its fingerprint and sends it with the bundle", async () => {
    vi.mocked(ipc.checkTeamKey).mockResolvedValue({ key_id: TEAM_KEY_ID, public_key: TEAM_PUBKEY });
    const user = userEvent.setup();
    render(TeamPage);
    await user.type(screen.getByTestId("team-key-input"), `untrusted comment: k\n${TEAM_PUBKEY}`);
    await user.click(screen.getByTestId("team-key-pin"));
    expect(await screen.findByTestId("team-key-pinned")).toHaveTextContent(
      `Bundles must be signed by team key ${TEAM_KEY_ID}.`,
    );
    await user.type(screen.getByTestId("team-source"), BUNDLE_FILE);
    await user.click(screen.getByTestId("team-open"));
    await waitFor(() => expect(step()).toBe("detect"));
    expect(preview).toHaveBeenCalledWith({ source: BUNDLE_FILE, pubkey: TEAM_PUBKEY }, []);
    expect(localStorage.getItem("goproxy-assistant.team-key")).toBe(TEAM_PUBKEY);
  });

  it("words a key that is not a minisign public key", async () => {
    vi.mocked(ipc.checkTeamKey).mockRejectedValue({
      code: "invalid_input",
      message: "public_key_invalid",
      field: "pubkey",
      rule: "public_key_invalid",
    });
    const user = userEvent.setup();
    render(TeamPage);
    await user.type(screen.getByTestId("team-key-input"), "hello");
    await user.click(screen.getByTestId("team-key-pin"));
    expect(await screen.findByTestId("team-key-error")).toHaveTextContent(
      "This is not a minisign public key.",
    );
    expect(localStorage.getItem("goproxy-assistant.team-key")).toBeNull();
  });
});

describe("goproxy-assistant:// links", () => {
  it("starts the wizard with the link's URL and pin", async () => {
    render(TeamPage);
    const url = "https://config.acme.example/team.toml";
    await wizard.openLink({ link: { url, sha256: "ab".repeat(32) } });
    await waitFor(() => expect(step()).toBe("detect"));
    expect(preview).toHaveBeenCalledWith({ source: url, sha256: "ab".repeat(32) }, []);
    expect(screen.getByTestId("team-bundle-name")).toHaveTextContent("Acme Go setup");
  });

  it("shows a refused link as the open step's failure, worded by code", async () => {
    render(TeamPage);
    await wizard.openLink({
      error: {
        code: "bundle_refused",
        message: "bundle refused (link_invalid): no url",
        field: "link",
        rule: "link_invalid",
      },
    });
    expect(await screen.findByTestId("team-refusal")).toHaveTextContent(
      "Refused at link: The goproxy-assistant:// link is not valid.",
    );
    expect(step()).toBe("open");
    expect(preview).not.toHaveBeenCalled();
  });
});

describe("Export card", () => {
  it("previews the TOML and words what was left out by code, then saves", async () => {
    vi.mocked(ipc.exportBundle).mockResolvedValue({
      ...bundleExport(),
      omitted: [
        { code: "url_credentials", subject: "GOPROXY" },
        { code: "local_path_flag", subject: "GOFLAGS", item: "-modfile=/srv/alt.mod" },
      ],
    });
    vi.mocked(ipc.saveBundleExport).mockResolvedValue(bundleExport());
    const user = userEvent.setup();
    render(TeamPage);
    render(ToastHost);
    await user.click(screen.getByTestId("team-export-preview"));
    expect(await screen.findByTestId("team-export-toml")).toHaveTextContent(
      'GOPROXY = "https://goproxy.cn,direct"',
    );
    const items = within(screen.getByTestId("team-export-omitted")).getAllByRole("listitem");
    expect(items.map((i) => i.textContent?.trim())).toEqual([
      "GOPROXY: the user name and password in a URL are left out.",
      "GOFLAGS: -modfile=/srv/alt.mod names a local path and is left out.",
    ]);
    i18n.set("zh-CN");
    await waitFor(() =>
      expect(items[0]).toHaveTextContent("GOPROXY：URL 中的用户名和密码未导出。"),
    );
    i18n.set("en");

    await user.type(screen.getByTestId("team-export-path"), "/home/dev/team.toml");
    await user.click(screen.getByTestId("team-export-save"));
    await waitFor(() =>
      expect(ipc.saveBundleExport).toHaveBeenCalledWith("Go setup", "/home/dev/team.toml"),
    );
    expect(await screen.findByTestId("toast")).toHaveTextContent(
      "Saved the team bundle to /home/dev/team.toml",
    );
  });
});
