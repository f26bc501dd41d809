import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as ipc from "$lib/ipc";
import { i18n } from "$lib/i18n/i18n.svelte";
import { changeLog } from "$lib/state/changeLog.svelte";
import ToastHost from "$lib/components/ToastHost.svelte";
import { detectionWithWarnings, historyEntries } from "../../testing/fixtures";
import { resetAppState } from "../../testing/reset";
import HistoryPage from "./HistoryPage.svelte";

vi.mock("$lib/ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("$lib/ipc")>()),
  detectEnvironment: vi.fn(),
  listHistory: vi.fn(),
  undoChange: vi.fn(),
}));

const list = vi.mocked(ipc.listHistory);
const undo = vi.mocked(ipc.undoChange);
const detect = vi.mocked(ipc.detectEnvironment);

beforeEach(() => {
  vi.resetAllMocks();
  resetAppState();
  detect.mockResolvedValue(detectionWithWarnings());
});

describe("History", () => {
  it("lists entries newest first with time, files, and key old → new lines", async () => {
    // Deliberately out of order: the page sorts by time.
    const [newest, undone, oldest] = historyEntries();
    list.mockResolvedValue({ entries: [oldest!, newest!, undone!], unreadable: [] });
    render(HistoryPage);

    const entries = await screen.findAllByTestId("history-entry");
    expect(entries.map((entry) => entry.dataset.entryId)).toEqual([
      newest!.id,
      undone!.id,
      oldest!.id,
    ]);
    expect(screen.getByTestId("verdict")).toHaveTextContent("3 changes recorded");

    const first = entries[0]!;
    expect(first).toHaveTextContent("Set GOPROXY=https://goproxy.cn,direct in the GOENV file");
    expect(first).toHaveTextContent("/home/dev/.config/go/env");
    const time = first.querySelector("time");
    expect(time).toHaveAttribute("datetime", "2026-11-21T09:15:00.000Z");
    expect(time?.textContent).toMatch(/2026/);
    expect(within(first).getByRole("columnheader", { name: "Before" })).toBeInTheDocument();
    const row = within(first).getByRole("row", { name: /GOPROXY/ });
    expect(row).toHaveTextContent("https://goproxy.cn");
    expect(row).toHaveTextContent("https://goproxy.cn,direct");

    // Unset keys and new keys say so in words.
    expect(entries[1]).toHaveTextContent("(removed)");
    expect(entries[2]).toHaveTextContent("(not set)");
  });

  it("offers Undo only for entries not yet undone", async () => {
    list.mockResolvedValue({ entries: historyEntries(), unreadable: [] });
    render(HistoryPage);

    const entries = await screen.findAllByTestId("history-entry");
    expect(within(entries[0]!).getByTestId("history-undo")).toBeEnabled();
    expect(within(entries[1]!).queryByTestId("history-undo")).toBeNull();
    expect(entries[1]).toHaveTextContent(/Undone .*2026/);
    expect(within(entries[2]!).getByTestId("history-undo")).toBeEnabled();
  });

  it("undoes the chosen entry, then reloads the list and re-detects", async () => {
    const entries = historyEntries();
    const target = entries[2]!;
    list.mockResolvedValueOnce({ entries, unreadable: [] });
    const undoneTarget = { ...target, undone_at_ms: Date.UTC(2026, 10, 21, 10, 0, 0) };
    list.mockResolvedValueOnce({
      entries: [entries[0]!, entries[1]!, undoneTarget],
      unreadable: [],
    });
    undo.mockResolvedValue(undoneTarget);
    render(ToastHost);
    render(HistoryPage);

    const rows = await screen.findAllByTestId("history-entry");
    await userEvent.click(within(rows[2]!).getByTestId("history-undo"));

    expect(undo).toHaveBeenCalledWith(target.id);
    await waitFor(() => expect(list).toHaveBeenCalledTimes(2));
    await waitFor(() =>
      expect(
        within(screen.getAllByTestId("history-entry")[2]!).queryByTestId("history-undo"),
      ).toBeNull(),
    );
    expect(detect).toHaveBeenCalled();
    expect(screen.getByTestId("toast")).toHaveTextContent("Change undone.");
  });

  it("shows an undo failure as an alert and keeps the entry", async () => {
    list.mockResolvedValue({ entries: historyEntries(), unreadable: [] });
    undo.mockRejectedValue({ code: "conflict", message: "GOPROXY was edited after this change" });
    render(HistoryPage);

    const rows = await screen.findAllByTestId("history-entry");
    await userEvent.click(within(rows[0]!).getByTestId("history-undo"));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("undoing it would lose that edit");
    expect(alert).toHaveTextContent("GOPROXY was edited after this change");
    expect(within(rows[0]!).getByTestId("history-undo")).toBeEnabled();
  });

  it("reloads when a change is applied or undone elsewhere (the toast's Undo)", async () => {
    list.mockResolvedValue({ entries: historyEntries(), unreadable: [] });
    render(HistoryPage);
    await screen.findAllByTestId("history-entry");
    expect(list).toHaveBeenCalledTimes(1);

    list.mockResolvedValue({ entries: [], unreadable: [] });
    changeLog.changed();

    expect(await screen.findByTestId("history-empty")).toBeInTheDocument();
    expect(list).toHaveBeenCalledTimes(2);
  });

  it("has an empty state", async () => {
    list.mockResolvedValue({ entries: [], unreadable: [] });
    render(HistoryPage);

    expect(await screen.findByTestId("history-empty")).toHaveTextContent(
      "Changes this app makes to your Go settings appear here",
    );
    expect(screen.getByTestId("verdict")).toHaveTextContent("No changes yet");
    expect(screen.queryAllByTestId("history-entry")).toHaveLength(0);
  });

  it("speaks Chinese when chosen", async () => {
    i18n.set("zh-CN");
    list.mockResolvedValue({ entries: historyEntries(), unreadable: [] });
    render(HistoryPage);

    const rows = await screen.findAllByTestId("history-entry");
    expect(within(rows[0]!).getByTestId("history-undo")).toHaveTextContent("撤销");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("历史记录");
  });
});

describe("History after a crash or with damaged files", () => {
  it("says how an interrupted change was settled and lists files it could not read", async () => {
    const [first] = historyEntries();
    list.mockResolvedValue({
      entries: [{ ...first!, interrupted: "rolled_back", undone_at_ms: first!.time_ms + 1 }],
      unreadable: [{ file: "/data/history/odd.json", reason: "not a history record" }],
    });
    render(HistoryPage);

    const note = await screen.findByTestId("history-interrupted");
    expect(note).toHaveTextContent("rolled back");
    const unreadable = screen.getByTestId("history-unreadable");
    expect(unreadable).toHaveTextContent("1 history file could not be read");
    expect(unreadable).toHaveTextContent("/data/history/odd.json");
    // The reason is Rust's English: the page names the file only.
    expect(unreadable).not.toHaveTextContent("not a history record");

    i18n.set("zh-CN");
    await waitFor(() => expect(note).toHaveTextContent("已回滚"));
    expect(unreadable).toHaveTextContent("无法读取");
  });
});
