//! From a failed connection or an HTTP answer to the Doctor's code: the same classes go's own
//! errors fall into (`net/http`, `crypto/x509`, `modfetch/proxy.go` for the statuses).

use super::super::{DoctorCode, EndpointRole, StepKind};
use crate::net::{NetError, NetErrorClass, TimeoutPhase};

/// The code of a connection failure. `via_proxy`: an HTTP(S)_PROXY is in the route, so a DNS or
/// TCP failure is the proxy's.
pub(crate) fn failure_code(error: &NetError, step: StepKind, via_proxy: bool) -> DoctorCode {
    let text = error.message.to_ascii_lowercase();
    match error.class {
        NetErrorClass::Proxy => DoctorCode::NetHttpProxy,
        NetErrorClass::Dns | NetErrorClass::Connect if via_proxy => DoctorCode::NetHttpProxy,
        NetErrorClass::Dns => DoctorCode::NetDns,
        NetErrorClass::Timeout { .. } => DoctorCode::NetTimeout,
        NetErrorClass::Connect if text.contains("reset") => DoctorCode::NetReset,
        NetErrorClass::Connect if text.contains("timed out") => DoctorCode::NetTimeout,
        NetErrorClass::Connect => DoctorCode::NetRefused,
        NetErrorClass::Reset => DoctorCode::NetReset,
        NetErrorClass::Tls => tls_code(&text),
        NetErrorClass::InvalidUrl | NetErrorClass::Redirect | NetErrorClass::TooLarge => {
            if step == StepKind::Http {
                DoctorCode::ProxyBadResponse
            } else {
                DoctorCode::NetRefused
            }
        }
    }
}

/// The step a timeout names, when it names one.
pub(crate) fn timeout_step(error: &NetError) -> Option<StepKind> {
    match error.class {
        NetErrorClass::Timeout { phase } => Some(match phase {
            TimeoutPhase::Dns => StepKind::Dns,
            TimeoutPhase::Connect => StepKind::Tcp,
            TimeoutPhase::Tls => StepKind::Tls,
            TimeoutPhase::FirstByte | TimeoutPhase::Body => StepKind::Http,
        }),
        _ => None,
    }
}

fn tls_code(text: &str) -> DoctorCode {
    if text.contains("unknown authority") || text.contains("unknownissuer") {
        DoctorCode::TlsUnknownAuthority
    } else if text.contains("name mismatch") || text.contains("not valid for name") {
        DoctorCode::TlsNameMismatch
    } else if text.contains("expired") || text.contains("notvalidyet") {
        DoctorCode::TlsExpired
    } else if text.contains("reset") || text.contains("eof") || text.contains("closed") {
        DoctorCode::NetReset
    } else if text.contains("ca file") || text.contains("certificate file") {
        // Our own CA file for the host is unreadable: the same fix as an unknown authority.
        DoctorCode::TlsUnknownAuthority
    } else {
        // Anything else the handshake could not make sense of: not a TLS server.
        DoctorCode::TlsNotTls
    }
}

/// The code of an HTTP answer, `None` when it means the endpoint works. A proxy's answer to
/// `/sumdb/<name>/supported` may be 404/410 (it does not relay); a host's front page may be
/// anything but a server error.
pub(crate) fn status_code(role: EndpointRole, status: u16) -> Option<DoctorCode> {
    match (role, status) {
        (_, 200..=299) => None,
        (EndpointRole::Proxy, 404 | 410) => None,
        (EndpointRole::PrivateHost | EndpointRole::Direct, 300..=499) => None,
        (_, 401) => Some(DoctorCode::ProxyUnauthorized),
        (_, 403) => Some(DoctorCode::ProxyForbidden),
        (_, 404 | 410) => Some(DoctorCode::ProxyNotFound),
        (_, 418) => Some(DoctorCode::ProxyTeapot),
        (_, 500..=599) => Some(DoctorCode::ProxyServerError),
        _ => Some(DoctorCode::ProxyBadResponse),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(class: NetErrorClass, message: &str) -> DoctorCode {
        failure_code(&NetError::new(class, message), StepKind::Tls, false)
    }

    #[test]
    fn failures_get_go_shaped_codes() {
        assert_eq!(
            code(NetErrorClass::Dns, "lookup x: no such host"),
            DoctorCode::NetDns
        );
        assert_eq!(
            code(
                NetErrorClass::Connect,
                "dial tcp 127.0.0.1:1: Connection refused"
            ),
            DoctorCode::NetRefused
        );
        assert_eq!(
            code(NetErrorClass::Connect, "Connection reset by peer"),
            DoctorCode::NetReset
        );
        assert_eq!(
            code(
                NetErrorClass::Tls,
                "TLS handshake with a: certificate signed by unknown authority (add ...)"
            ),
            DoctorCode::TlsUnknownAuthority
        );
        assert_eq!(
            code(
                NetErrorClass::Tls,
                "the certificate is not valid for a (name mismatch)"
            ),
            DoctorCode::TlsNameMismatch
        );
        assert_eq!(
            code(NetErrorClass::Tls, "the certificate has expired"),
            DoctorCode::TlsExpired
        );
        assert_eq!(
            code(
                NetErrorClass::Tls,
                "first record does not look like a TLS handshake"
            ),
            DoctorCode::TlsNotTls
        );
        let via = NetError::new(NetErrorClass::Connect, "dial tcp: Connection refused");
        assert_eq!(
            failure_code(&via, StepKind::Tcp, true),
            DoctorCode::NetHttpProxy
        );
    }

    #[test]
    fn statuses_by_role() {
        use EndpointRole::*;
        assert_eq!(status_code(Proxy, 200), None);
        assert_eq!(status_code(Proxy, 404), None);
        assert_eq!(status_code(Sumdb, 404), Some(DoctorCode::ProxyNotFound));
        assert_eq!(status_code(Proxy, 401), Some(DoctorCode::ProxyUnauthorized));
        assert_eq!(status_code(Proxy, 403), Some(DoctorCode::ProxyForbidden));
        assert_eq!(status_code(Proxy, 418), Some(DoctorCode::ProxyTeapot));
        assert_eq!(status_code(Proxy, 502), Some(DoctorCode::ProxyServerError));
        assert_eq!(status_code(Proxy, 302), Some(DoctorCode::ProxyBadResponse));
        assert_eq!(status_code(PrivateHost, 401), None);
        assert_eq!(status_code(Direct, 503), Some(DoctorCode::ProxyServerError));
    }
}
