// Texts about how git logs in to a host (Hosts and tokens), in English.
import type { GitTexts } from "./private-types";

export const privateGitEn: GitTexts = {
  status: {
    app_helper: "git: uses this app's keychain",
    other_helper: "git: its own helper {helper}",
    ssh: "git: SSH ({base})",
    nothing: "git: cannot log in — direct fetches will fail",
    git_missing: "git is not installed",
  },
  hints: {
    other_helper:
      "That helper must know a token for this host itself; or let git use the keychain instead.",
    ssh: "git fetches from this host over SSH with your SSH keys; the token is not used.",
    nothing:
      "Go fetches private modules that no proxy serves with git, and git has nothing to log in with here.",
    git_missing:
      "Go needs git to fetch modules directly from version control. Install git, then Refresh.",
  },
  proxyHost: "A module proxy in GOPROXY: Go sends the token itself, git is not involved.",
  setup: "Let git use the keychain",
  preparing: "Preparing…",
  previewNote:
    "git will ask this app for the token of {host}. Only this line is written; the token stays in the keychain. You can undo it afterwards.",
  applied: "git now asks the keychain for {host}.",
};
