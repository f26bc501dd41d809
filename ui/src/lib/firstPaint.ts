// The Overview's first frame: detection (which runs `go env`) waits until it is on screen, and
// the moment is recorded so `make bench` can read the cold start through WebDriver.

/** Runs `work` once, just after the next frame is painted (a task queued from a frame callback
 * runs after that frame's paint). A hidden window paints no frames, so a timer runs it anyway. */
export function afterNextPaint(work: () => void, fallbackMs = 250): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    work();
  };
  if (typeof requestAnimationFrame === "function") {
    requestAnimationFrame(() => setTimeout(once, 0));
  }
  setTimeout(once, fallbackMs);
}

/** The attribute on `<html>` holding the first paint as epoch milliseconds (`performance.timeOrigin
 * + performance.now()`), comparable with the wall clock of the process that launched the app. */
export const FIRST_PAINT_ATTRIBUTE = "data-first-paint-epoch-ms";

/** Records the first paint once; later calls keep the first value. */
export function markFirstPaint(): void {
  const root = document.documentElement;
  if (root.hasAttribute(FIRST_PAINT_ATTRIBUTE)) return;
  root.setAttribute(FIRST_PAINT_ATTRIBUTE, String(performance.timeOrigin + performance.now()));
}
