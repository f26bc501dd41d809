//! Where the GOENV file lives, as `cfg.EnvFile` decides it.
