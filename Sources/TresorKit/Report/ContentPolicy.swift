import CSodium

/// The page's Content-Security-Policy: nothing may load from anywhere (`default-src
/// 'none'`), and only the page's own style and script run, named by their SHA-256. Even
/// an escaping mistake could not make the browser run injected script or fetch anything.
enum ContentPolicy {
    static func header(style: String, script: String) -> String {
        "default-src 'none'; style-src '\(hash(style))'; script-src '\(hash(script))'; "
            + "img-src data:; form-action 'none'; base-uri 'none'"
    }

    /// `sha256-BASE64` of the UTF-8 text, as CSP names an inline element.
    static func hash(_ text: String) -> String {
        Sodium.ready()
        var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_bytes()))
        let bytes = Array(text.utf8)
        _ = crypto_hash_sha256(&digest, bytes, UInt64(bytes.count))
        return "sha256-" + Sodium.base64(digest, variant: .standard)
    }
}
