//! Run mode: `go mod download -x` in a project with the effective settings, a throwaway module
//! cache by default and a timeout, explained like a pasted log.
