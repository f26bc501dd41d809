// Finds English sentences in text meant to be Chinese, leaving values alone: placeholders,
// URLs, paths, hosts and module paths, flags, environment variable names, and command lines of
// the tools the app talks about (go, git, docker, package managers). The e2e tests apply the same
// rules to the rendered zh-CN UI: plain JavaScript without imports, so tests/e2e/src/english.rs
// runs this very file in the app's page.

/** Command lines of the tools (`go mod download`, `apt install`); their flags and arguments are
 * values by the rules below. */
const COMMANDS =
  /\b(?:go (?:mod \w+|env|get|build|list|run|clean|install|version|work \w+)|git (?:ls-remote|config|credential \w+)|docker (?:buildx )?build|(?:sudo )?(?:apt|apt-get|brew|winget) install)\b/g;
/** Placeholders, URLs and any token with a character no English word has. */
const VALUES = /\{\w+\}|[a-z][\w+.-]*:\/\/\S*|\S*[./\\$=@~_:<>*#[\]]\S*|(?<!\w)-{1,2}\w[\w-]*/g;
/** Words that make two Latin words a phrase rather than a name ("GitHub Actions"). */
const FUNCTION_WORDS = new Set(
  "a an the to of is are was be not no and or with for in on at from this that your you it can has have will as by".split(
    " ",
  ),
);

/**
 * The English phrases in `text`: three Latin words in a row, or two with a function word.
 * @param {string} text
 * @returns {string[]}
 */
export function englishSentences(text) {
  const rest = text.replace(COMMANDS, " ").replace(VALUES, " ");
  /** @type {string[]} */
  const found = [];
  // Runs of Latin words separated by spaces (and commas), anything else ends a run.
  for (const match of rest.matchAll(/[A-Za-z][A-Za-z'’]*(?:[ ,]+[A-Za-z][A-Za-z'’]*)+/g)) {
    const words = match[0].split(/[ ,]+/).filter((w) => !/^[A-Z0-9]+$/.test(w));
    const hasFunctionWord = words.some((w) => FUNCTION_WORDS.has(w.toLowerCase()));
    if (words.length >= 3 || (words.length === 2 && hasFunctionWord)) found.push(match[0]);
  }
  return found;
}
