// Entry of the preview: the real app entry (the fake IPC is swapped in by the config alias).
// A separate file because Vite resolves an HTML "../" script against its root and misses it.
import "../src/main";
