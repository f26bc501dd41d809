//! Fixes for the Doctor's findings: go env plans where configuration is the cause, manual steps
//! otherwise. No fix ever weakens verification (no GOSUMDB=off, no -insecure, no wider GOPRIVATE).
