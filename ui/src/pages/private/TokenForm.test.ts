// Hosts and their write-only tokens on the Private modules page: the token goes to the keychain
// once and never shows again; replace, delete after confirmation, a locked keychain, .netrc.
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import * as ipc from "$lib/ipc";
import ToastHost from "$lib/components/ToastHost.svelte";
import {
  GIT_HOST,
  PROXY_HOST,
  emptyPrivateOverview,
  lockedKeychainOverview,
  tokenOutcome,
} from "../../testing/privateFixtures";
import { TOKEN, deleteToken, loaded, overview, row, setToken } from "../../testing/privatePage";
import PrivatePage from "./PrivatePage.svelte";

vi.mock("$lib/ipc", async (importOriginal) =>
  (await import("../../testing/privateIpc")).privateIpc(importOriginal),
);

describe("Private modules page", () => {
  it("sends the token once, empties the field and never shows the token", async () => {
    const user = userEvent.setup();
    overview.mockResolvedValueOnce(emptyPrivateOverview());
    setToken.mockResolvedValue(tokenOutcome(GIT_HOST, false));
    render(ToastHost);
    render(PrivatePage);
    await loaded();

    await user.type(screen.getByTestId("token-host"), GIT_HOST);
    await user.type(screen.getByTestId("token-user"), "alice");
    await user.selectOptions(screen.getByTestId("token-scheme"), "basic");
    const field = screen.getByTestId("token-value");
    expect(field).toHaveAttribute("type", "password");
    expect(field).toHaveAttribute("autocomplete", "off");
    expect(field).toHaveAttribute("spellcheck", "false");
    expect(screen.getByTestId("token-netrc")).not.toBeChecked();
    await user.type(field, TOKEN);
    await user.click(screen.getByTestId("token-save"));

    expect(setToken).toHaveBeenCalledTimes(1);
    expect(setToken).toHaveBeenCalledWith(
      { host: GIT_HOST, user: "alice", scheme: "basic", netrc: false },
      TOKEN,
    );
    const toast = await screen.findByTestId("toast");
    expect(toast).toHaveTextContent(`Token stored in the keychain for ${GIT_HOST}.`);
    expect(within(toast).getByTestId("toast-undo")).toBeInTheDocument();
    await waitFor(() => expect(overview).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(row("host-row", "data-host", GIT_HOST)).toBeInTheDocument());
    expect(screen.queryByTestId("token-value")).toBeNull();
    expect(document.documentElement.outerHTML).not.toContain(TOKEN);
    for (const input of document.querySelectorAll("input")) expect(input.value).not.toBe(TOKEN);
  });

  it("shows a keychain error in words from its code, clears the token, keeps the form", async () => {
    const user = userEvent.setup();
    overview.mockResolvedValue(emptyPrivateOverview());
    setToken.mockRejectedValue({
      code: "keychain_locked",
      message: "the keychain is locked or refused access (prompt dismissed); unlock it",
    });
    render(PrivatePage);
    await loaded();
    await user.type(screen.getByTestId("token-host"), PROXY_HOST);
    await user.selectOptions(screen.getByTestId("token-scheme"), "bearer");
    await user.click(screen.getByTestId("token-netrc"));
    await user.type(screen.getByTestId("token-value"), TOKEN);
    await user.click(screen.getByTestId("token-save"));
    expect(setToken).toHaveBeenCalledWith(
      { host: PROXY_HOST, scheme: "bearer", netrc: true },
      TOKEN,
    );
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The system keychain did not store the token");
    expect(alert).toHaveTextContent("The keychain is locked, or access to it was refused.");
    expect(alert).toHaveTextContent("The token was not written anywhere else.");
    expect(alert, "Rust's English sentence").not.toHaveTextContent("prompt dismissed");
    expect(alert).toHaveAttribute("data-error-code", "keychain_locked");
    expect(screen.getByTestId("token-value")).toHaveValue("");
    expect(screen.getByTestId("token-host")).toHaveValue(PROXY_HOST);
    expect(document.documentElement.outerHTML).not.toContain(TOKEN);
  });

  it("shows a refused token under its field and a missing one before calling", async () => {
    const user = userEvent.setup();
    overview.mockResolvedValue(emptyPrivateOverview());
    render(PrivatePage);
    await loaded();
    await user.click(screen.getByTestId("token-save"));
    expect(screen.getByTestId("field-error-host")).toHaveTextContent("Required.");
    expect(screen.getByTestId("field-error-token")).toHaveTextContent("Required.");
    expect(setToken).not.toHaveBeenCalled();

    setToken.mockRejectedValue({
      code: "invalid_input",
      field: "host",
      message: 'host "https://x": write the host name only, without https://',
    });
    await user.type(screen.getByTestId("token-host"), "https://x");
    await user.type(screen.getByTestId("token-value"), TOKEN);
    await user.click(screen.getByTestId("token-save"));
    await waitFor(() =>
      expect(screen.getByTestId("field-error-host")).toHaveTextContent(
        "Write a host name like git.corp.example.com",
      ),
    );
    expect(screen.getByTestId("token-host")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("token-value")).toHaveValue("");
  });

  it("replaces a token with the form prefilled and the token field empty", async () => {
    const user = userEvent.setup();
    setToken.mockResolvedValue(tokenOutcome(GIT_HOST, true));
    render(ToastHost);
    render(PrivatePage);
    await loaded();
    await user.click(within(row("host-row", "data-host", GIT_HOST)).getByTestId("token-replace"));
    expect(screen.getByTestId("token-form")).toHaveTextContent(`Replace the token for ${GIT_HOST}`);
    expect(screen.getByTestId("token-host")).toHaveValue(GIT_HOST);
    expect(screen.getByTestId("token-user")).toHaveValue("alice");
    expect(screen.getByTestId("token-scheme")).toHaveValue("basic");
    expect(screen.getByTestId("token-value")).toHaveValue("");
    expect(document.activeElement).toBe(screen.getByTestId("token-value"));
    await user.keyboard(TOKEN);
    await user.click(screen.getByTestId("token-save"));
    const toast = await screen.findByTestId("toast");
    expect(toast).toHaveTextContent(`Token replaced in the keychain for ${GIT_HOST}.`);
    expect(within(toast).queryByTestId("toast-undo")).toBeNull();
  });

  it("deletes a token only after confirmation", async () => {
    const user = userEvent.setup();
    deleteToken.mockResolvedValue(tokenOutcome(GIT_HOST, true));
    render(ToastHost);
    render(PrivatePage);
    await loaded();
    const host = row("host-row", "data-host", GIT_HOST);
    await user.click(within(host).getByTestId("token-delete"));
    expect(deleteToken).not.toHaveBeenCalled();
    const confirm = screen.getByTestId("host-confirm");
    expect(confirm).toHaveAttribute("data-host", GIT_HOST);
    expect(confirm).toHaveTextContent(`Delete the token for ${GIT_HOST} from the keychain?`);
    expect(document.activeElement).toBe(screen.getByTestId("token-delete-confirm"));
    expect(within(host).getByTestId("token-delete")).toHaveAttribute("aria-expanded", "true");

    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("token-delete-confirm")).toBeNull();
    expect(document.activeElement).toBe(within(host).getByTestId("token-delete"));

    await user.click(within(host).getByTestId("token-delete"));
    overview.mockResolvedValue(emptyPrivateOverview());
    await user.click(screen.getByTestId("token-delete-confirm"));
    expect(deleteToken).toHaveBeenCalledWith(GIT_HOST);
    expect(await screen.findByTestId("toast")).toHaveTextContent(
      `Token for ${GIT_HOST} deleted from the keychain.`,
    );
    await waitFor(() => expect(screen.queryByTestId("host-row")).toBeNull());
    expect(screen.getByTestId("token-form")).toBeInTheDocument();
  });

  it("flags a locked keychain and a missing token, and fixes a loose .netrc", async () => {
    const user = userEvent.setup();
    overview.mockResolvedValue(lockedKeychainOverview());
    const fixed = { ...lockedKeychainOverview().netrc!, mode: "600", loose_mode: false };
    vi.mocked(ipc.fixNetrcMode).mockResolvedValue(fixed);
    render(PrivatePage);
    await loaded();
    expect(screen.getByTestId("verdict")).toHaveTextContent("The keychain is locked");
    expect(screen.getByTestId("verdict")).toHaveAttribute("data-tone", "attention");
    const locked = row("host-row", "data-host", GIT_HOST);
    expect(locked).toHaveAttribute("data-token", "unknown");
    expect(locked).toHaveTextContent("Unknown: the keychain is locked");
    expect(row("host-note", "data-host", GIT_HOST)).toHaveTextContent("Unlock it");
    expect(row("host-row", "data-host", PROXY_HOST)).toHaveAttribute("data-token", "missing");
    expect(row("host-row", "data-host", PROXY_HOST)).toHaveTextContent("Also in .netrc");

    await user.click(screen.getByTestId("netrc-fix-mode"));
    expect(ipc.fixNetrcMode).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByTestId("netrc-fix-mode")).toBeNull());
    expect(screen.getByTestId("netrc-status")).toHaveTextContent("Readable by you only");
  });

  it("keeps what was typed in an open add form when Add host is pressed", async () => {
    const user = userEvent.setup();
    overview.mockResolvedValue(emptyPrivateOverview());
    render(PrivatePage);
    await loaded();
    await user.type(screen.getByTestId("token-host"), GIT_HOST);
    await user.click(screen.getByTestId("host-add"));
    expect(screen.getByTestId("token-host")).toHaveValue(GIT_HOST);
    expect(document.activeElement).toBe(screen.getByTestId("token-host"));
  });
});
