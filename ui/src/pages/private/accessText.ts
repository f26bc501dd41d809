// The access report in the user's language: Rust sends each step and the verdict as a code with
// its values (URLs, hosts, HTTP statuses, the network layer's own text); these fill the texts.
import type { AccessAction } from "$lib/bindings/AccessAction";
import type { AccessDetail } from "$lib/bindings/AccessDetail";
import type { AccessReport } from "$lib/bindings/AccessReport";
import type { AccessStep } from "$lib/bindings/AccessStep";
import { fill } from "$lib/i18n/locale";
import type { AccessReportTexts } from "$lib/i18n/private-types";

export function actionText(action: AccessAction, texts: AccessReportTexts): string {
  if (action.kind === "git_credential") {
    return fill(texts.actions.git_credential, { repo: action.repo });
  }
  const words = action.credential ? texts.actions.get_with : texts.actions.get_without;
  return fill(words, { url: action.url });
}

export function detailText(detail: AccessDetail, texts: AccessReportTexts): string {
  const { code, ...values } = detail;
  return fill(texts.details[code], values);
}

/** The last step that failed, whose detail a failed verdict repeats. */
export function failedStep(report: AccessReport): AccessStep | undefined {
  return [...report.steps].reverse().find((step) => !step.ok);
}

export function summaryText(report: AccessReport, texts: AccessReportTexts): string {
  const { code, ...values } = report.summary;
  const failed = failedStep(report);
  const detail = failed ? detailText(failed.detail, texts) : "";
  return fill(texts.summaries[code], { ...values, detail });
}

/** What a step asked: its URL, or the repository git was asked about. */
export function stepTarget(step: AccessStep): string {
  return step.action.kind === "get" ? step.action.url : step.action.repo;
}
