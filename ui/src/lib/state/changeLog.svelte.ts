// Bumped whenever a change is applied or undone anywhere, so views of the history reload.
class ChangeLog {
  version = $state(0);

  changed(): void {
    this.version++;
  }
}

export const changeLog = new ChangeLog();
