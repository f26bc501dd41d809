//! Which keys `go env -w` accepts and which values it (and we, more strictly) accept.
