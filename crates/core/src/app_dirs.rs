//! Where the app keeps its own data (history journal, lock).
