//! Single timed requests outside a benchmark run: for the Doctor's endpoint checks, for
//! comparing our timings with curl's, and for single-sample methods in `make bench`.

use super::connect::{Dialer, Network};
use super::mirror_url::MirrorUrl;
use super::probe::Target;
use super::report::{ErrorClass, ProbeError, RequestTimings};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// Sends single GETs, each on a fresh connection, with the network settings of `network`.
pub struct OneShot {
    dialer: Arc<Dialer>,
}

/// The status and timings of one request (its body is read up to the cap and dropped).
#[derive(Debug, Clone, PartialEq)]
pub struct OneShotResult {
    pub status: u16,
    pub timings: RequestTimings,
}

impl OneShot {
    pub fn new(network: Network) -> Result<OneShot, String> {
        Ok(OneShot {
            dialer: Arc::new(Dialer::new(network)?),
        })
    }

    /// `GET <base><suffix>` (suffix starts with `/`), all within `timeout`.
    pub async fn get(
        &self,
        base: &str,
        suffix: &str,
        cap: u64,
        timeout: Duration,
    ) -> Result<OneShotResult, ProbeError> {
        let base = MirrorUrl::parse(base, "url")
            .map_err(|e| ProbeError::new(ErrorClass::Connect, e.message))?;
        let target = Target {
            tls: self
                .dialer
                .tls_for(None)
                .map_err(|e| ProbeError::new(ErrorClass::Tls, e))?,
            dialer: Arc::clone(&self.dialer),
            base,
            connect_timeout: timeout,
            request_timeout: timeout,
        };
        let mut conn = None;
        let f = target
            .fetch(&mut conn, suffix, cap, Instant::now() + timeout)
            .await?;
        Ok(OneShotResult {
            status: f.status,
            timings: f.timings,
        })
    }
}
