// Copying text from a click. The async Clipboard API first; where the webview refuses it (no
// secure context, no permission), the selection of a hidden text area copied with
// `execCommand("copy")`, which WebKitGTK still honours inside a user gesture. No clipboard
// permission is granted to the window: both stay inside the page.

/** Copies `text`; resolves `false` when neither way was allowed. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the selection copy.
  }
  return copyBySelection(text);
}

function copyBySelection(text: string): boolean {
  if (typeof document.execCommand !== "function") return false;
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  // Off screen and out of the layout, so the page neither scrolls nor grows.
  area.style.position = "fixed";
  area.style.top = "0";
  area.style.left = "-9999px";
  const focused = document.activeElement as HTMLElement | null;
  document.body.append(area);
  area.select();
  let copied: boolean;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  area.remove();
  focused?.focus();
  return copied;
}
