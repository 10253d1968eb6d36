import Testing

@testable import TresorKit

/// Field names that carry credentials, literal values, and literal HTTP credentials.
@Suite struct CredentialDetectionTests {
    @Test(arguments: [
        "password", "passwd", "pwd", "secret", "token", "apiKey", "api_key", "X-API-Key",
        "clientSecret", "client_secret", "privateKey", "PRIVATE_KEY", "authorization",
        "Authorization", "credentials", "accessToken", "key", "sshPassphrase",
        // A credential word split by a capital (found by a fresh tester).
        "PassWord", "passWord", "FtpPassWord", "ssh_pass_phrase",
        // A credential word run into an upper-case word.
        "AUTHtoken", "APIkey", "ftpPASSword", "HTTPToken",
        // A number after the name: a primary and a secondary one (found by a fresh tester).
        "password1", "password2", "password_2", "token2", "apiKey2", "secret3", "PASSWORD_02",
        "api_key_2", "ssh_key_1", "key", "auth",
    ])
    func credentialNames(_ name: String) {
        #expect(CredentialField.isCredential(name), "\(name)")
    }

    @Test(arguments: [
        "tokenUrl", "keyId", "username", "passwordPolicy", "publicKey", "businessKey",
        "correlationKey", "nextPageToken", "host", "authType", "secretName", "",
        "keyWord", "publicPassWordPolicy", "tokenUrl", "AUTHtype", "PUBLICkey",
        "publicKey2", "tokenUrl2", "oauth2", "sha256", "page2Token", "123",
        // Numbered generic keys, a product, a number as a word (found by a fresh tester).
        "key1", "key2", "keys3", "auth0", "page_2_token", "next_2_page_token",
    ])
    func harmlessNames(_ name: String) {
        #expect(!CredentialField.isCredential(name), "\(name)")
    }

    /// A credential in a JSON document held in a string of a JSON task input is found, at
    /// the string (found by a fresh tester).
    @Test func aCredentialInJSONHeldInAStringIsFound() {
        let text = #"{"nested": "{\"token\": \"fake-x\"}", "ok": "{{secret:A}}"}"#
        let findings = CredentialScanner.scan(Array(text.utf8), path: "t.json", kind: .json)
        #expect(findings.map(\.finding.rule) == [.plaintextCredential], "\(findings)")
        #expect(findings.first?.field == "nested.token")
        #expect(findings.first?.finding.location.column == 13)
    }

    @Test func wordsSplitCamelCaseAcronymsAndSeparators() {
        #expect(CredentialField.words(of: "APIKey") == ["api", "key"])
        #expect(CredentialField.words(of: "AUTHtoken", capitalsRunOn: false) == ["auth", "token"])
        #expect(CredentialField.words(of: "HTTPToken", capitalsRunOn: false) == ["httpt", "oken"])
        #expect(CredentialField.words(of: "x-api-key") == ["x", "api", "key"])
        #expect(
            CredentialField.words(of: "oAuthClientSecret") == ["o", "auth", "client", "secret"])
    }

    @Test func lastNameOfFieldPaths() {
        #expect(CredentialField.lastName(of: "FTPAccess.password") == "password")
        #expect(CredentialField.lastName(of: #"headers["X-Api-Key"]"#) == "X-Api-Key")
        #expect(CredentialField.lastName(of: "items[2]") == "items")
        #expect(CredentialField.lastName(of: "token") == "token")
    }

    @Test(arguments: [
        ("hunter2", false, true), ("", false, false), ("  ", false, false),
        ("{{secret:FTP_PASSWORD}}", false, false), ("{{secrets.X}}", false, false),
        ("${ftpPassword}", false, false), ("#{vault.get('x')}", false, false),
        ("=\"literal\"", true, true), ("=password", true, false),
        ("=\"{{secret:X}}\"", true, false), ("=\"Bearer \" + token", true, false),
        ("=\"\"", true, false),
        // Blanks before `=`: static text to Zeebe, so the whole text is the literal.
        (" =password", true, true),
        // Camunda's own reference names a secret (`validate` warns of it); text around it
        // makes a literal again.
        ("secrets.MY_TOKEN", false, false), (" secrets.MY_TOKEN\n", true, false),
        ("x secrets.MY_TOKEN", false, true),
    ])
    func literalValues(_ text: String, _ readsFEEL: Bool, _ expected: Bool) {
        #expect(
            CredentialField.isLiteral(Array(text.utf8), readsFEEL: readsFEEL) == expected,
            "\(text)")
    }

    @Test(arguments: [
        ("Bearer eyJhbGciOi.J9.abc", 1), ("Authorization: Basic dXNlcjpwYXNz", 1),
        ("bearer abcdefgh12", 1), ("Bearer {{secret:TOKEN}}", 0), ("Bearer ${token}", 0),
        ("Basic authentication", 0), ("Bearer token required", 0), ("Basic aGVsbG8gd29ybGQ=", 0),
        ("xBearer abcdefgh12", 0),
    ])
    func authorizationHeaders(_ text: String, _ count: Int) {
        #expect(AuthorizationHeader.literalOffsets(in: Array(text.utf8)).count == count, "\(text)")
    }
}
