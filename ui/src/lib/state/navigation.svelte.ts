// The page shown, so a page can send the user to another (an Overview finding to the Doctor).
import type { PageId } from "$lib/i18n/types";

class Navigation {
  page = $state<PageId>("overview");
  /** Counts moves, so the shell moves focus after a move and not at start. */
  moves = $state(0);

  go(page: PageId): void {
    this.page = page;
    this.moves++;
  }

  reset(): void {
    this.page = "overview";
    this.moves = 0;
  }
}

export const navigation = new Navigation();
