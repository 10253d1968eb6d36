import Foundation
import Testing

@testable import TresorKit

/// The type checks read values as bytes; the url check must still accept what Foundation's
/// `URLComponents` accepts (with a scheme and a non-empty host), and refuse what it
/// refuses, as the check did when it made a string of the value.
@Suite struct SecretTypeCheckTests {
    static let urls = [
        "https://api.example.com", "not a url", "http://", "https://host/path with space",
        "https://h\u{e9}st/", "ftp://user:pw@host:21/x?y#z", "https://[::1]:80/",
        "https://host:abc/", "mailto:x@y", "https:///path", "x://h", "1x://h", "https://ho st/",
        "https://h/%zz", "https://h/<>", "HTTPS://H", "a+b.c-d://h", "https://:80/",
        "https://user@/", "https://h?q", "https://h#f", "https://h:/", "https://%41/",
        "https://ho<st/", "https://h%20/", "https://h\t/", "https://a_b/",
        "https://h!$&'()*+,;=/", "https://h/\n", "https://h\n", "https://u ser@h/",
        "https://u@h@h2/", "https://[::1/", "https://[zz]/", "https://[::1]x/",
        "https://h:1:2/", "https:/h", "https:h", " https://h", "https://h ", "https://~h/",
        "https://h]/", "https://h[/", "https://h\"/", "https://h`/", "https://h{/", "https://h|/",
        "https://h^/", "https://h\\/", "https://h%/", "https://h%4/", "https://[v1.x]/",
        "https://u:p:q@h/", "https://@h/", "https://h#f?q", "https://h/?[", "https://h\u{7f}/",
        "", ":", "://", "h://h:8080", "h://h:8080x",
    ]

    @Test(arguments: urls) func urlsAsFoundationReadsThem(_ text: String) {
        let parts = URLComponents(string: text)
        let expected = parts?.scheme?.isEmpty == false && parts?.host?.isEmpty == false
        let found = Array(text.utf8).withUnsafeBytes { SecretType.urlProblem($0) == nil }
        #expect(found == expected)
    }

    /// A port is at most 65535, as for the port type, where Foundation takes any digits
    /// (`https://h:99999` passed; found by a fresh tester).
    @Test(arguments: [
        ("https://h:65535/", true), ("https://h:0065535", true), ("https://h:65536/", false),
        ("https://h:99999", false), ("https://h:123456789012345678901234567890", false),
        ("https://h:0/", false), ("https://u:99999@h/", true), ("https://[::1]:99999/", false),
        ("https://[::1]/", true), ("https://h:/", true),
    ])
    func portsAreFrom1To65535(_ text: String, _ valid: Bool) {
        let problem = Array(text.utf8).withUnsafeBytes { SecretType.urlProblem($0) }
        #expect((problem == nil) == valid, "\(text)")
        if !valid { #expect(problem?.contains("port") == true, "\(text): \(problem ?? "")") }
    }

    /// The port type takes 1 to 65535, written without leading zeros (`080` was taken;
    /// found by an eighteenth fresh tester).
    @Test(arguments: [
        ("80", true), ("1", true), ("65535", true), ("080", false), ("00080", false),
        ("0", false), ("65536", false), ("", false), ("8o", false), ("123456", false),
    ])
    func portValues(_ text: String, _ valid: Bool) {
        let problem = Array(text.utf8).withUnsafeBytes { SecretType.portProblem($0) }
        #expect((problem == nil) == valid, "\(text)")
    }

    @Test func certificatesNeedMatchingLabels() {
        let cases = [
            ("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", true),
            ("x -----BEGIN A-----\n-----END B-----\n-----END A-----", true),
            ("-----BEGIN A-----\n-----END B-----", false),
            ("-----BEGIN -----\n-----END -----", false),
            ("-----END A----- -----BEGIN A-----", false),
            ("-----BEGIN A-----", false),
            ("", false),
        ]
        for (text, valid) in cases {
            let found = Array(text.utf8).withUnsafeBytes { SecretType.certificateProblem($0) }
            #expect((found == nil) == valid, "\(text)")
        }
    }
}
