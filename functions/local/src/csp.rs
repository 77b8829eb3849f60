//! The Content-Security-Policy the SPA runs under, here and behind CloudFront: `infra/template.yaml` carries the
//! same directives (a test holds them equal), and the local stack sends it with every page of the SPA, so every
//! browser test runs under it.
//!
//! Trunk's loader is an inline module script naming the hashed wasm, so its hash changes with every build: the
//! local stack computes it from `dist/index.html` as it serves it, and the deploy passes it to the template
//! (`studio-local script-hashes dist/index.html`).

use base64::Engine;
use sha2::{Digest, Sha256};

/// `{scripts}`: the hashes of the page's inline scripts; `{auth}`: the sign-in origin (none locally).
/// Styles allow `'unsafe-inline'` for the `style` attributes Yew renders (room colours, bar widths).
pub const POLICY: &str = "default-src 'self'; script-src 'self' {scripts} 'wasm-unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' {auth}; form-action 'self' {auth}; \
     base-uri 'none'; object-src 'none'; frame-ancestors 'none'; report-uri /api/csp-report";

/// `'sha256-…'` for each inline script of `html`, as a CSP names it.
pub fn script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let tag = &rest[start..];
        let Some(open_end) = tag.find('>') else { break };
        let Some(close) = tag.find("</script>") else {
            break;
        };
        let inline = !tag[..open_end].contains(" src=");
        if inline && close > open_end {
            let body = &tag[open_end + 1..close];
            let digest = Sha256::digest(body.as_bytes());
            let encoded = base64::engine::general_purpose::STANDARD.encode(digest);
            hashes.push(format!("'sha256-{encoded}'"));
        }
        rest = &tag[close + "</script>".len()..];
    }
    hashes
}

/// The policy for a page `html`, signing in at `auth` (an origin, or none).
pub fn policy(html: &str, auth: Option<&str>) -> String {
    POLICY
        .replace("{scripts}", &script_hashes(html).join(" "))
        .replace(
            " {auth}",
            &auth.map(|a| format!(" {a}")).unwrap_or_default(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_inline_script_is_hashed_and_external_ones_are_not() {
        let html = "<head><script type=\"module\">alert(1)</script><script src=\"/a.js\"></script>\
                    <script>b()</script></head>";
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            script_hashes(html),
            [
                "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='",
                &format!(
                    "'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"b()"))
                )
            ]
        );
    }

    #[test]
    fn the_policy_names_the_scripts_and_the_sign_in_origin() {
        let html = "<script>x</script>";
        let local = policy(html, None);
        assert!(local.contains("script-src 'self' 'sha256-"), "{local}");
        assert!(
            local.contains("connect-src 'self'; form-action 'self';"),
            "{local}"
        );
        let deployed = policy(html, Some("https://auth.example.com"));
        assert!(deployed.contains("connect-src 'self' https://auth.example.com;"));
        assert!(deployed.contains("frame-ancestors 'none'"));
    }
}
