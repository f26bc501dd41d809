// What the preview shows: one tab per generated text, in the order of the issue (Dockerfile,
// .dockerignore, build command, compose, GitHub Actions, GitLab CI).
import type { Language } from "./highlight";

export type PreviewTabId =
  "dockerfile" | "dockerignore" | "build_command" | "compose" | "github" | "gitlab";

export const TAB_ORDER: readonly PreviewTabId[] = [
  "dockerfile",
  "dockerignore",
  "build_command",
  "compose",
  "github",
  "gitlab",
];

export const TAB_LANGUAGE: Record<PreviewTabId, Language> = {
  dockerfile: "dockerfile",
  dockerignore: "ignore",
  build_command: "shell",
  compose: "yaml",
  github: "yaml",
  gitlab: "yaml",
};

/** A tab: its label in the user's language, the file's path in the project (if it is a file). */
export type PreviewFile = {
  id: PreviewTabId;
  label: string;
  path: string | null;
  text: string;
  language: Language;
};

/** Which tab a generated file belongs on, by its path in the project; null for none. */
export function tabOfPath(path: string): PreviewTabId | null {
  const name = path.split("/").pop() ?? path;
  if (name === "Dockerfile") return "dockerfile";
  if (name === ".dockerignore") return "dockerignore";
  if (path.startsWith(".github/")) return "github";
  if (name.includes("gitlab-ci")) return "gitlab";
  if (/^(docker-)?compose\.ya?ml$/.test(name)) return "compose";
  return null;
}

/** The tabs for a generation result, in TAB_ORDER; files without a tab are left out. */
export function previewFiles(
  files: readonly { path: string; content: string }[],
  buildCommand: string,
  labels: Record<PreviewTabId, string>,
): PreviewFile[] {
  const byTab = new Map<PreviewTabId, PreviewFile>();
  for (const file of files) {
    const id = tabOfPath(file.path);
    if (id === null || byTab.has(id)) continue;
    byTab.set(id, {
      id,
      label: labels[id],
      path: file.path,
      text: file.content,
      language: TAB_LANGUAGE[id],
    });
  }
  byTab.set("build_command", {
    id: "build_command",
    label: labels.build_command,
    path: null,
    text: buildCommand,
    language: TAB_LANGUAGE.build_command,
  });
  return TAB_ORDER.flatMap((id) => byTab.get(id) ?? []);
}
