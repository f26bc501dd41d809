//! Hiding credentials in values we display, log or record as text (`https://user:pass@host`).

/// Replaces the userinfo of every URL in `text` with `***`, leaving everything else as is.
pub fn url_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("://") {
        let (head, tail) = rest.split_at(pos + 3);
        out.push_str(head);
        let authority_end = tail
            .find(['/', ',', '|', ' ', '\t', '\n'])
            .unwrap_or(tail.len());
        match tail[..authority_end].rfind('@') {
            Some(at) => {
                out.push_str("***");
                out.push_str(&tail[at..authority_end]);
            }
            None => out.push_str(&tail[..authority_end]),
        }
        rest = &tail[authority_end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::url_userinfo;

    #[test]
    fn hides_userinfo_only() {
        assert_eq!(
            url_userinfo("https://u:p@a.example/x,https://b.example|direct"),
            "https://***@a.example/x,https://b.example|direct"
        );
        assert_eq!(url_userinfo("http://proxy:3128"), "http://proxy:3128");
        assert_eq!(url_userinfo("off"), "off");
        assert_eq!(url_userinfo("https://tok@h"), "https://***@h");
    }
}
