// The one-line answer at the top of the Private modules page: what is set up, how Go gets the
// tokens, and the most important problem first.
import type { PrivateOverview } from "$lib/bindings/PrivateOverview";
import type { TokenStatus } from "$lib/bindings/TokenStatus";
import type { Tone } from "$lib/components/status";
import { fill, plural, type Locale } from "$lib/i18n/locale";
import type { PrivateMessages } from "$lib/i18n/private-types";

export type Verdict = { text: string; tone?: Tone };

/** "stored", "missing", or "unknown" when the keychain could not be asked. */
export function tokenState(status: TokenStatus): "stored" | "missing" | "unknown" {
  if (status.stored === undefined) return "unknown";
  return status.stored ? "stored" : "missing";
}

/** Every distinct pattern of the four settings (inherited ones are the same strings). */
export function distinctPatterns(overview: PrivateOverview): string[] {
  return [...new Set(overview.patterns.flatMap((setting) => setting.patterns))];
}

/** The most important problem, with its tone, or null when there is none. */
function firstProblem(
  m: PrivateMessages,
  locale: Locale,
  overview: PrivateOverview,
): Verdict | null {
  const unknown = overview.hosts.filter((h) => tokenState(h) === "unknown");
  const unavailable = unknown.find((h) => h.keychain === "unavailable");
  if (unavailable) return { text: m.verdict.keychain.unavailable, tone: "problem" };
  const blocked = unknown.find((h) => h.keychain !== "available");
  if (blocked && blocked.keychain !== "available") {
    return { text: m.verdict.keychain[blocked.keychain], tone: "attention" };
  }
  const missing = overview.hosts.find((h) => tokenState(h) === "missing");
  if (missing) {
    return { text: fill(m.verdict.tokenMissing, { host: missing.host.prefix }), tone: "attention" };
  }
  const issues = overview.patterns.reduce((sum, setting) => sum + setting.issues.length, 0);
  if (issues > 0)
    return { text: plural(locale, m.verdict.patternIssues, issues), tone: "attention" };
  if (overview.netrc?.loose_mode) return { text: m.verdict.netrcLoose, tone: "attention" };
  return null;
}

/** How Go gets the stored tokens, and whether that is a problem. */
function tokenRoute(m: PrivateMessages, overview: PrivateOverview): Verdict {
  const { goauth } = overview;
  if (goauth.supported && goauth.helper_configured) return { text: m.verdict.goauthServes };
  if (goauth.supported) return { text: m.verdict.goauthMissing, tone: "attention" };
  if (overview.hosts.some((h) => h.host.netrc)) return { text: m.verdict.netrcServes };
  return { text: m.verdict.oldGoNeedsNetrc, tone: "attention" };
}

const RANK: Record<Tone, number> = { good: 0, attention: 1, problem: 2 };

function worst(a: Tone | undefined, b: Tone | undefined): Tone | undefined {
  if (!a) return b;
  if (!b) return a;
  return RANK[b] > RANK[a] ? b : a;
}

export function privateVerdict(
  m: PrivateMessages,
  locale: Locale,
  overview: PrivateOverview,
  clauseSeparator: string,
): Verdict {
  const patterns = distinctPatterns(overview).length;
  const hosts = overview.hosts.length;
  if (patterns === 0 && hosts === 0) return { text: m.verdict.start };

  const stored = overview.hosts.filter((h) => tokenState(h) === "stored").length;
  // When the keychain could not be asked, "0 hosts with a token" would be wrong: just count.
  const unknown = overview.hosts.some((h) => tokenState(h) === "unknown");
  const clauses: string[] = [];
  const problem = firstProblem(m, locale, overview);
  if (problem) clauses.push(problem.text);
  clauses.push(
    fill(m.verdict.summary, {
      patterns:
        patterns === 0 ? m.verdict.noPatterns : plural(locale, m.verdict.patterns, patterns),
      hosts:
        hosts === 0
          ? m.verdict.noHosts
          : unknown
            ? plural(locale, m.verdict.hosts, hosts)
            : plural(locale, m.verdict.hostsWithToken, stored),
    }),
  );
  let tone: Tone | undefined = problem?.tone ?? "good";
  if (hosts > 0) {
    const route = tokenRoute(m, overview);
    clauses.push(route.text);
    tone = worst(tone, route.tone);
  }
  return { text: clauses.join(clauseSeparator), tone };
}
