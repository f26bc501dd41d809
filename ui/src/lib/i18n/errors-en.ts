import type { ErrorMessages } from "./errors-types";

export const errorsEn: ErrorMessages = {
  title: "Something went wrong",
  field: "Concerns: {field}",
  details: "Technical details",
  codes: {
    invalid_input: "A value does not follow the rules for it.",
    read_only_key:
      "Go does not allow this setting to be changed with go env -w: set it in your shell profile, or leave it to Go.",
    unknown_key: "This Go version does not know this setting: check its spelling, or update Go.",
    empty_value_hides_default:
      "An empty value would hide Go's default; remove the setting instead.",
    goenv_unavailable:
      "The GOENV file cannot be used: GOENV=off, or its location is unknown. Unset GOENV or set it to the path of a file.",
    not_a_file:
      "Something other than a regular file (a folder or a symbolic link) is where a file should be; the app does not write through it. Fix it by hand, then try again.",
    conflict: "The file changed after this change was made; undoing it would lose that edit.",
    nothing_to_undo:
      "There is nothing to undo: the change was already undone or is not in the history.",
    io: "A file could not be read or written: check that it exists and that you may use it.",
    external: "A program the app runs (go, git), or the app itself, failed.",
    corrupt:
      "A file the app keeps (change history, host list, last benchmark) is damaged and cannot be read.",
    keychain_locked:
      "The keychain is locked, or access to it was refused. Unlock it (log in to the desktop session, or unlock the login keyring) and try again.",
    keychain_unavailable:
      "No keychain is available. On Linux a keychain service (gnome-keyring or KWallet) must run in your session.",
    keychain_timeout:
      "The keychain did not answer in time. It may be waiting for you to unlock it: unlock it and try again.",
    bundle_refused:
      "The team bundle was refused because it is malformed or unsafe. Nothing was changed; ask the sender for a corrected file.",
    bundle_needs_acceptance:
      "The team bundle has items that run code or weaken module verification. Accept each one explicitly to apply it.",
  },
  inputs: {
    url: "Check the URL: a full address starting with https:// (http:// only for a server on your own network), without spaces or a login, and not one already in the list.",
    name: "Check the mirror name: 1–64 letters, digits, '.', '_' or '-' (not direct or off) that no other mirror has. Only your own mirrors can be removed.",
    ca_file:
      "The CA file cannot be used: give the path of a readable file that holds a PEM certificate (-----BEGIN CERTIFICATE-----).",
    host: "Check the host: only a host name with an optional port, like git.corp.example.com or goproxy.corp.example.com:8443, without https://, a path, a login or spaces. To change a token, choose a host that has one.",
    user: "Check the login: it must not be empty, contain spaces, start with a quote or #, or be a .netrc keyword (machine, login, password…).",
    login:
      "Check the login: it must not be empty, contain spaces, start with a quote or #, or be a .netrc keyword (machine, login, password…).",
    token:
      "Check the token: paste only the token, one line of at most 4096 bytes, without spaces, and not starting with a quote or #.",
    password:
      "Check the token: paste only the token, one line of at most 4096 bytes, without spaces, and not starting with a quote or #.",
    module:
      "Check the module path: it looks like git.corp.example.com/team/lib (with @v1.2.3 where a version is asked for).",
    project: "Check the project folder: the full path of an existing folder that holds a go.mod.",
    mirrors:
      "Choose at least one mirror (a name from the list or an https:// URL); nothing may follow direct or off.",
    deadline_secs: "The time limit must be between 0 and 600 seconds.",
    run_id: "This benchmark is already running: wait for it or cancel it.",
    ssh_base:
      "Check the SSH address: write it like git@git.corp.example.com: or ssh://git@git.corp.example.com/.",
    helper:
      "The app is installed in a path the helper command cannot use: it must be absolute, without spaces or shell characters.",
    GOAUTH:
      "GOAUTH cannot call the app's helper: it needs Go 1.24 or later, GOAUTH must not be off, and the app must be installed in an absolute path without spaces, quotes or ';'.",
    netrc:
      "The .netrc cannot be edited safely (an entry is ambiguous, the file is too large or not text, or it ends inside a macdef block); nothing was written. Edit it by hand.",
    ops: "Give at least one KEY=VALUE setting, each key once.",
    id: "This change is not in the history, or was already undone.",
    change: "Two parts of this change touch the same file or keychain item; plan them as one.",
  },
  setting: "The value given for {key} does not follow Go's rules for this setting.",
  unlocated: "The file's location is unknown: {key} is not set.",
};
