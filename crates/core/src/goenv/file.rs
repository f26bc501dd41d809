//! Byte-exact model of the GOENV file: Go's reader (`cfg.readEnvFile`) and Go's rewriter
//! (`envcmd.updateEnvFile`), so our writes are byte-identical to `go env -w` / `go env -u`.

/// A GOENV file's raw bytes with Go's reading rules. Never fails to parse: any bytes are a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnvFile {
    bytes: Vec<u8>,
}

impl EnvFile {
    pub fn parse(bytes: &[u8]) -> EnvFile {
        EnvFile { bytes: bytes.to_vec() }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}
