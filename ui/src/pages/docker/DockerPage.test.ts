// The Docker page: opening a project, the live preview following the options, the tabs, Copy,
// errors at the input they name (in both languages), warnings by code, and "Save into the
// project" through the plan dialog with its differences and an Undo toast.
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import ToastHost from "$lib/components/ToastHost.svelte";
import * as ipc from "$lib/ipc";
import { i18n } from "$lib/i18n/i18n.svelte";
import {
  PROJECT_DIR,
  appliedSave,
  generated,
  projectInfo,
  savePreview,
  savedEntry,
} from "../../testing/dockerFixtures";
import { resetAppState } from "../../testing/reset";
import DockerPage from "./DockerPage.svelte";

vi.mock("$lib/ipc", async (importOriginal) =>
  (await import("../../testing/dockerIpc")).dockerIpc(importOriginal),
);

const inspect = vi.mocked(ipc.inspectDockerProject);
const generate = vi.mocked(ipc.generateDockerfile);
const planSave = vi.mocked(ipc.planDockerfileSave);
const applySave = vi.mocked(ipc.applyDockerfileSave);

beforeEach(() => {
  vi.resetAllMocks();
  resetAppState();
  vi.mocked(ipc.detectEnvironment).mockReturnValue(new Promise(() => {}));
  // The engine card has its own tests (TestBuild.test.ts).
  vi.mocked(ipc.dockerEngine).mockReturnValue(new Promise(() => {}));
  inspect.mockResolvedValue(projectInfo());
  generate.mockImplementation(async (_dir, options) =>
    generated(options.final_image, options.platforms),
  );
});

/** Renders the page and opens the sample project; resolves once the preview is there. */
async function openProject() {
  const user = userEvent.setup();
  render(DockerPage);
  await user.type(screen.getByTestId("docker-dir"), PROJECT_DIR);
  await user.click(screen.getByTestId("docker-open"));
  await waitFor(() =>
    expect(screen.getByTestId("docker-preview-card")).toHaveAttribute("data-state", "ready"),
  );
  return user;
}

const preview = () => screen.getByTestId("docker-preview").textContent ?? "";

describe("Docker page", () => {
  it("asks for a project first, with nothing to copy", () => {
    render(DockerPage);
    expect(screen.getByTestId("verdict")).toHaveTextContent(
      "Type your Go module's folder to write its Dockerfile",
    );
    expect(screen.getByTestId("docker-preview-empty")).toBeInTheDocument();
    expect(screen.getByTestId("docker-copy-dockerfile")).toBeDisabled();
    expect(generate).not.toHaveBeenCalled();
  });

  it("opens a project, generates with its defaults and shows the files as tabs", async () => {
    inspect.mockResolvedValue(projectInfo({ has_vendor: true }));
    await openProject();
    expect(inspect).toHaveBeenCalledWith(PROJECT_DIR);
    expect(generate).toHaveBeenLastCalledWith(
      PROJECT_DIR,
      expect.objectContaining({
        vendor: true,
        final_image: "distroless",
        platforms: [],
        language: "en",
        settings: {},
      }),
    );
    expect(screen.getByTestId("verdict")).toHaveTextContent(
      "Dockerfile for example.com/app: distroless final image, the builder's own platform",
    );
    expect(screen.getByTestId("verdict")).toHaveAttribute("data-tone", "good");
    expect(screen.getByTestId("docker-project-summary")).toHaveTextContent(
      "example.com/app, go 1.22",
    );
    expect(screen.getByTestId("docker-vendor")).toBeChecked();
    const tabs = screen.getAllByTestId("docker-tab").map((t) => t.textContent?.trim());
    expect(tabs).toEqual([
      "Dockerfile",
      ".dockerignore",
      "Build command",
      "Compose",
      "GitHub Actions",
      "GitLab CI",
    ]);
    // The preview is the file as generated, character for character, and highlighted.
    expect(preview()).toBe(generated().files[0]!.content);
    const keywords = screen.getByTestId("docker-preview").querySelectorAll(".tok-keyword");
    expect([...keywords].map((k) => k.textContent)).toContain("FROM");
  });

  it("follows option changes after a short pause, the newest result winning", async () => {
    const user = await openProject();
    const calls = generate.mock.calls.length;
    await user.click(screen.getByTestId("docker-final-scratch"));
    await user.type(screen.getByTestId("docker-platforms"), "linux/amd64,linux/arm64");
    await waitFor(() => expect(preview()).toContain("FROM scratch"));
    await waitFor(() => expect(preview()).toContain("# platforms: linux/amd64,linux/arm64"));
    // Typing 23 characters did not send 23 requests.
    expect(generate.mock.calls.length - calls).toBeLessThan(5);
    expect(generate).toHaveBeenLastCalledWith(
      PROJECT_DIR,
      expect.objectContaining({
        final_image: "scratch",
        platforms: ["linux/amd64", "linux/arm64"],
      }),
    );
    expect(screen.getByTestId("verdict")).toHaveTextContent(
      "scratch final image, linux/amd64, linux/arm64",
    );
  });

  it("moves between tabs with the arrow keys, Home and End", async () => {
    const user = await openProject();
    const first = screen.getAllByTestId("docker-tab")[0]!;
    first.focus();
    await user.keyboard("{ArrowRight}");
    expect(document.activeElement).toHaveAttribute("data-tab", "dockerignore");
    expect(screen.getByTestId("docker-tabpanel")).toHaveAttribute("data-tab", "dockerignore");
    expect(preview()).toContain("!go.mod");
    await user.keyboard("{End}");
    expect(document.activeElement).toHaveAttribute("data-tab", "gitlab");
    await user.keyboard("{ArrowRight}");
    expect(document.activeElement).toHaveAttribute("data-tab", "dockerfile");
    await user.keyboard("{ArrowLeft}");
    expect(document.activeElement).toHaveAttribute("aria-selected", "true");
    expect(screen.getByTestId("docker-tabpanel")).toHaveAttribute("data-tab", "gitlab");
    await user.click(screen.getByRole("tab", { name: "Build command" }));
    expect(preview()).toBe(generated().build_command);
  });

  it("copies the Dockerfile with the primary action, and the open tab with Copy", async () => {
    const user = await openProject();
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    await user.click(screen.getByTestId("docker-copy-dockerfile"));
    expect(writeText).toHaveBeenLastCalledWith(generated().files[0]!.content);
    expect(screen.getByTestId("docker-copy-dockerfile")).toHaveTextContent("Copied");
    await user.click(screen.getByRole("tab", { name: "Compose" }));
    await user.click(screen.getByRole("button", { name: "Copy Compose" }));
    expect(writeText).toHaveBeenLastCalledWith("services:\n  app:\n    build: .\n");
    expect(screen.getByTestId("docker-copy-tab")).toHaveAttribute("data-state", "copied");
  });

  it("says so when copying is refused", async () => {
    const user = await openProject();
    const writeText = vi.fn().mockRejectedValue(new Error("not allowed"));
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    document.execCommand = vi.fn(() => false);
    await user.click(screen.getByTestId("docker-copy-tab"));
    expect(screen.getByTestId("docker-copy-failed")).toHaveTextContent("Copying was refused");
  });

  it("shows a folder without go.mod at the folder field, in both languages", async () => {
    inspect.mockRejectedValue({
      code: "invalid_input",
      field: "go.mod",
      message: "/tmp/x: no go.mod in this directory",
    });
    const user = userEvent.setup();
    render(DockerPage);
    await user.type(screen.getByTestId("docker-dir"), "/tmp/x");
    await user.click(screen.getByTestId("docker-open"));
    const error = await screen.findByText(/Use a folder that holds a go.mod that parses/);
    expect(error).toHaveAttribute("data-testid", "field-error-docker-dir");
    expect(error).toHaveTextContent("no go.mod in this directory");
    expect(screen.getByTestId("docker-dir")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("verdict")).toHaveTextContent("Fix the option marked below");
    expect(generate).not.toHaveBeenCalled();

    i18n.set("zh-CN");
    await waitFor(() =>
      expect(screen.getByTestId("field-error-docker-dir")).toHaveTextContent(
        "请使用包含可解析 go.mod 的文件夹。",
      ),
    );
    // No English sentence from Rust in the form; it stays in the collapsed details.
    expect(screen.getByTestId("field-error-docker-dir")).not.toHaveTextContent("no go.mod");
    expect(screen.getByTestId("error-details")).toHaveTextContent("no go.mod");
  });

  it("refuses a port that is no number at the field, and shows Rust's refusal there too", async () => {
    const user = await openProject();
    const calls = generate.mock.calls.length;
    await user.type(screen.getByTestId("docker-port"), "80a");
    await waitFor(() =>
      expect(screen.getByTestId("field-error-docker-port")).toHaveTextContent(
        "Use a whole number from 1 to 65535",
      ),
    );
    expect(generate.mock.calls.length).toBe(calls);
    expect(screen.getByTestId("docker-save")).toBeDisabled();

    generate.mockRejectedValue({
      code: "invalid_input",
      field: "port",
      message: "port 70000 is out of range (1-65535)",
    });
    await user.clear(screen.getByTestId("docker-port"));
    await user.type(screen.getByTestId("docker-port"), "70000");
    await waitFor(() =>
      expect(screen.getByTestId("field-error-docker-port")).toHaveTextContent(
        "port 70000 is out of range",
      ),
    );
    expect(screen.getByTestId("docker-port")).toHaveAttribute("aria-invalid", "true");

    generate.mockImplementation(async (_dir, options) => generated(options.final_image));
    await user.clear(screen.getByTestId("docker-port"));
    await user.type(screen.getByTestId("docker-port"), "8080");
    await waitFor(() => expect(screen.getByTestId("field-error-docker-port").textContent).toBe(""));
    expect(generate).toHaveBeenLastCalledWith(PROJECT_DIR, expect.objectContaining({ port: 8080 }));
  });

  it("puts a refused platform and main package at their own inputs", async () => {
    const user = await openProject();
    generate.mockRejectedValue({
      code: "invalid_input",
      field: "platform",
      message: "linux/amd64/../x is not os/arch[/variant]",
    });
    await user.type(screen.getByTestId("docker-platforms"), "linux/amd64/../x");
    await waitFor(() =>
      expect(screen.getByTestId("field-error-docker-platforms")).toHaveTextContent(
        "Use os/arch or os/arch/variant",
      ),
    );
    generate.mockRejectedValue({
      code: "invalid_input",
      field: "main",
      message: "../other is outside the module",
    });
    await user.type(screen.getByTestId("docker-main"), "../other");
    await waitFor(() =>
      expect(screen.getByTestId("field-error-docker-main")).toHaveTextContent(
        "Use a main package inside the module",
      ),
    );
    expect(screen.getByTestId("field-error-docker-platforms").textContent).toBe("");
  });

  it("words warnings by code with their params", async () => {
    generate.mockResolvedValue(
      generated("distroless", [], {
        warnings: [
          {
            code: "several_main_packages",
            params: { main: "./cmd/server", others: "./cmd/tool" },
            message: "English for the CLI",
          },
        ],
      }),
    );
    await openProject();
    const warning = screen.getByTestId("docker-warning");
    expect(warning).toHaveTextContent("Several main packages: ./cmd/server is built.");
    expect(warning).toHaveTextContent("Others: ./cmd/tool.");
    expect(warning).not.toHaveTextContent("English for the CLI");
    expect(screen.getByTestId("verdict")).toHaveAttribute("data-tone", "attention");
    expect(screen.getByTestId("verdict")).toHaveTextContent("1 thing to know");
  });

  it("generates the comments in the UI's language when it changes", async () => {
    await openProject();
    i18n.set("zh-CN");
    await waitFor(() =>
      expect(generate).toHaveBeenLastCalledWith(
        PROJECT_DIR,
        expect.objectContaining({ language: "zh-CN" }),
      ),
    );
    expect(screen.getByTestId("docker-copy-dockerfile")).toHaveTextContent("复制 Dockerfile");
  });

  it("passes only the settings typed, leaving the rest to the current configuration", async () => {
    const user = await openProject();
    await user.type(screen.getByTestId("docker-setting-GOPROXY"), "https://goproxy.cn,direct");
    await waitFor(() =>
      expect(generate).toHaveBeenLastCalledWith(
        PROJECT_DIR,
        expect.objectContaining({ settings: { GOPROXY: "https://goproxy.cn,direct" } }),
      ),
    );
  });

  it("saves into the project after showing the differences, with Undo", async () => {
    planSave.mockResolvedValue(savePreview(true));
    applySave.mockResolvedValue(appliedSave());
    const user = await openProject();
    render(ToastHost);
    await user.click(screen.getByTestId("docker-save"));
    const dialog = await screen.findByTestId("plan-dialog");
    expect(planSave).toHaveBeenCalledWith(
      PROJECT_DIR,
      expect.objectContaining({ final_image: "distroless" }),
    );
    const diffs = within(dialog).getAllByTestId("docker-diff");
    expect(diffs.map((d) => d.getAttribute("data-state"))).toEqual(["changed", "new"]);
    expect(within(diffs[0]!).getByTestId("docker-diff-text")).toHaveTextContent("+FROM new");
    expect(within(dialog).getByTestId("plan-note")).toHaveTextContent("kept in History");
    expect(applySave).not.toHaveBeenCalled();

    await user.click(within(dialog).getByTestId("plan-apply"));
    await waitFor(() => expect(screen.queryByTestId("plan-dialog")).toBeNull());
    expect(applySave).toHaveBeenCalledWith(PROJECT_DIR, planSave.mock.calls[0]![1]);
    expect(screen.getByTestId("toast")).toHaveTextContent(
      `Saved the Dockerfile and .dockerignore into ${PROJECT_DIR}`,
    );
    vi.mocked(ipc.undoChange).mockResolvedValue({ ...savedEntry(), undone_at_ms: 1 });
    await user.click(screen.getByRole("button", { name: "Undo" }));
    expect(ipc.undoChange).toHaveBeenCalledWith("entry-docker");
  });

  it("shows a refused save at the button and writes nothing", async () => {
    planSave.mockRejectedValue({
      code: "invalid_input",
      field: "Dockerfile",
      message: "Dockerfile is a symbolic link; replace it with a regular file",
    });
    const user = await openProject();
    await user.click(screen.getByTestId("docker-save"));
    const alert = await screen.findByTestId("error-alert");
    expect(alert).toHaveAttribute("data-error-field", "Dockerfile");
    expect(alert).toHaveTextContent("symbolic link");
    expect(screen.queryByTestId("plan-dialog")).toBeNull();
    expect(applySave).not.toHaveBeenCalled();
  });
});
