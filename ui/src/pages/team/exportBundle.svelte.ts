// The Export card: Rust exports the effective setup as a bundle (shown before saving), then
// exports again and writes it to the full path the user typed.
import type { BundleExport } from "$lib/bindings/BundleExport";
import { i18n, fill } from "$lib/i18n/i18n.svelte";
import { exportBundle, saveBundleExport, toAppError, type AppError } from "$lib/ipc";
import { toast } from "$lib/state/toast.svelte";

class ExportState {
  name = $state("Go setup");
  path = $state("");
  exported = $state.raw<BundleExport | null>(null);
  busy = $state(false);
  error = $state.raw<AppError | null>(null);

  async preview(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      this.exported = await exportBundle(this.name);
    } catch (reason) {
      this.error = toAppError(reason);
    } finally {
      this.busy = false;
    }
  }

  async save(): Promise<void> {
    if (this.busy) return;
    const path = this.path.trim();
    this.busy = true;
    this.error = null;
    try {
      this.exported = await saveBundleExport(this.name, path);
      toast.show(() => fill(i18n.m.team.exportSaved, { path }));
    } catch (reason) {
      this.error = toAppError(reason);
    } finally {
      this.busy = false;
    }
  }

  reset(): void {
    this.name = "Go setup";
    this.path = "";
    this.exported = null;
    this.busy = false;
    this.error = null;
  }
}

export const exportState = new ExportState();
