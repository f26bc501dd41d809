import type { ChangeMessages } from "./change-types";

export const changeEn: ChangeMessages = {
  summary: {
    envSet: "Set {pairs} in the GOENV file",
    envUnset: "Unset {keys} in the GOENV file",
    separator: "; ",
    bundleApply: "Applied the team bundle “{name}”",
    alsoNetrc: " (also in the .netrc)",
    mirror_add: "Added the mirror {name} ({url})",
    mirror_remove: "Removed the mirror {name}",
    token_store: "Stored the token for {host} (user {user}) in the keychain",
    token_replace:
      "Replaced the token for {host} (user {user}); undo keeps the new token, the old one is kept nowhere",
    token_delete:
      "Deleted the token for {host} (user {user}); undo restores the host's records, not the token",
    netrc_set: "Set login {login} and a token for {machines} in the .netrc",
    netrc_remove: "Removed {machines} from the .netrc",
    git_config_set: "Set {key} to {value} in the global git config",
    project_files_save: "Saved {files} into {dir}",
  },
  lineKey: {
    go_env: "{key}",
    mirror: "Mirror {key}",
    keychain: "Keychain {key}",
    netrc_machine: ".netrc machine {key}",
    git_config: "git config {key}",
    host: "Host {key}",
    project_file: "File {key}",
  },
  token: "a token",
  interrupted: {
    finished: "Interrupted after every file was written; completed",
    rolled_back: "Interrupted before it finished; rolled back, nothing of it stayed",
    undo_finished: "The undo was interrupted; completed",
    left_as_is: "Interrupted; a file had changed meanwhile and was left as it is",
  },
  unreadable: {
    one: "{count} history file could not be read; it was left as it is:",
    other: "{count} history files could not be read; they were left as they are:",
  },
};
