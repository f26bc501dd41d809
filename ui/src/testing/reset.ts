// Puts the app-wide state back to a fresh start between component tests.
import { i18n } from "$lib/i18n/i18n.svelte";
import { cjkFontState } from "$lib/state/cjkFont.svelte";
import { detection } from "$lib/state/detection.svelte";
import { envChange } from "$lib/state/envChange.svelte";
import { navigation } from "$lib/state/navigation.svelte";
import { toast } from "$lib/state/toast.svelte";
import { copyState } from "$lib/state/copy.svelte";
import { docker } from "../pages/docker/docker.svelte";
import { saveProject } from "../pages/docker/saveProject.svelte";
import { testBuild } from "../pages/docker/testBuild.svelte";
import { doctor } from "../pages/doctor/doctor.svelte";
import { projectRun } from "../pages/doctor/projectRun.svelte";
import { benchmark } from "../pages/mirrors/benchmark.svelte";
import { removal } from "../pages/mirrors/customMirrors.svelte";
import { privateState } from "../pages/private/private.svelte";
import { exportState } from "../pages/team/exportBundle.svelte";
import { wizard } from "../pages/team/wizard.svelte";

export function resetAppState(): void {
  i18n.set("en");
  detection.reset();
  cjkFontState.reset();
  envChange.reset();
  toast.dismiss();
  benchmark.reset();
  removal.error = null;
  privateState.reset();
  doctor.reset();
  projectRun.reset();
  docker.reset();
  saveProject.reset();
  copyState.reset();
  testBuild.reset();
  wizard.reset();
  wizard.teamKey = null;
  exportState.reset();
  navigation.reset();
}
