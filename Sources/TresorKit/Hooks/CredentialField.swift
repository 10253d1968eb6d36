/// Which task input fields carry credentials, judged by their names, and whether a value is
/// a literal rather than a placeholder or an expression.
///
/// A name is split into words (`apiKey`, `api_key`, `X-API-Key`, `clientSecret` all give
/// `... key` / `... secret`) and judged by its last word, so `tokenUrl` or `keyId` are not
/// credentials while `accessToken` is; a credential word split in two (`PassWord`) counts
/// as one. A few compounds that name no secret (`publicKey`,
/// `businessKey`, `nextPageToken`) are left alone.
enum CredentialField {
    static let words: Set<String> = [
        "password", "passwords", "passwd", "pwd", "pass", "passphrase", "secret", "secrets",
        "token", "tokens", "key", "keys", "apikey", "credential", "credentials",
        "authorization", "auth", "privatekey", "clientsecret", "cookie",
    ]

    /// True when a name a script gives a literal carries a credential: as a field's name,
    /// and either a password's word or more than one word (`apiKey`, `dbSecret`). Alone,
    /// `key`, `token`, `secret`, `credentials` and `authorization` name ordinary variables
    /// of scripts too often (`var key = "orderId"`, `token = "pending"`; found by a
    /// twenty-ninth fresh tester).
    static func isScriptCredential(_ name: String) -> Bool {
        guard isCredential(name) else { return false }
        let parts = words(of: name).map { String($0.reversed().drop(while: \.isNumber).reversed()) }
            .filter { !$0.isEmpty }
        guard let last = parts.last else { return false }
        // A password's word names one alone; a secret's, and `pwd` (the working folder in
        // a Groovy script), after another word (`dbSecret`, `dbPwd`).
        if ["password", "passwords", "passwd", "passphrase"].contains(last) { return true }
        if ["secret", "secrets", "pwd"].contains(last) { return parts.count >= 2 }
        // `key`, `token` and the like only after a word that makes them a credential's:
        // scripts name many keys and tokens of other kinds (`decisionKey`, `pageToken`).
        let qualifiers: Set<String> = [
            "api", "private", "secret", "access", "client", "encryption", "signing", "master",
            "auth", "bearer", "refresh", "session", "app", "application", "webhook", "service",
            "account", "oauth", "jwt", "id", "security", "license", "ssh", "aws",
        ]
        return parts.count >= 2 && qualifiers.contains(parts[parts.count - 2])
    }

    /// True for a literal a script gives a credential's name that is no credential: a
    /// word that stands for none (`none`, `null`), a validation rule
    /// (`required|min:12`), or the name of an environment variable that holds it
    /// (`CLIENT_SECRET_ENV`) (found by a thirty-second fresh tester).
    static func isStandIn(_ literal: [UInt8]) -> Bool {
        let text = String(decoding: literal, as: UTF8.self)
        let lower = text.lowercased()
        if [
            "none", "null", "nil", "undefined", "empty", "n/a", "tbd", "todo", "unset", "true",
            "false", "string", "number", "boolean", "[redacted]", "<hidden>", "<redacted>",
            "redacted", "hidden",
        ].contains(lower) {
            return true
        }
        // A mask (`********`, `xxxx`) or a link (a reset page).
        if text.count >= 3, Set(text).count == 1,
            let mark = text.first, ["*", "x", "X", "#", "•"].contains(mark)
        {
            return true
        }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return true }
        if lower.hasPrefix("required|") || lower == "required" { return true }
        let variableName = text.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
        return variableName && text.contains("_") && text.first.map { !$0.isNumber } == true
    }

    /// Credential words that, numbered and alone (`key1`, `auth0`), name no credential.
    static let generic: Set<String> = ["key", "keys", "auth"]

    /// Words before the last one that make a credential word name something public.
    static let harmless: Set<String> = [
        "public", "sort", "primary", "foreign", "partition", "routing", "cache", "business",
        "correlation", "idempotency", "message", "object", "lookup", "map", "group", "order",
        "unique", "row", "bucket", "page", "next", "continuation", "sync", "dedup", "s3",
        // The keys of the engines' own things (`processDefinitionKey`, `formKey`; found
        // by a thirtieth fresh tester, in scripts).
        "definition", "decision", "form", "tenant", "process", "case", "variable",
        "element", "activity", "instance", "deployment", "resource", "signal", "error",
        "escalation", "job", "task", "topic", "required", "index",
        // Names of messages, labels and flags about a password, not of one
        // (`forgotPassword`, `resetPassword`; found by a thirty-third fresh tester).
        "forgot", "reset", "wrong", "invalid", "expired", "hint", "label", "policy", "rule",
        "rules", "strength", "min", "max", "show", "mask", "masked", "has", "is",
    ]

    // Limitation: detection goes by field name and by Bearer/Basic syntax; a credential
    // in a field with a harmless name (`value`, `arg1`), under a key of a FEEL context, or
    // as a number is not found (README, Known limitations).
    /// True when a field called `name` carries a credential.
    static func isCredential(_ name: String) -> Bool {
        // An upper-case word run into a lower-case one (`AUTHtoken`) splits one way for
        // `HTTPToken` (`http token`) and another for it (`auth token`): either counts
        // (found by a fresh tester).
        isCredential(words: words(of: name))
            || isCredential(words: words(of: name, capitalsRunOn: false))
    }

    private static func isCredential(words: [String]) -> Bool {
        // A number after the name (`password2`, `token_2`, `apiKey2`: a primary and a
        // secondary credential) names the same thing (found by a fresh tester).
        // A number standing as a word of its own says nothing (`page_2_token` is a page
        // token). A generic word with a number and nothing before it (`key1`, `auth0`) is
        // a numbered entry or a product's name rather than a credential (found by the
        // next tester).
        let isDigit = { (character: Character) in ("0"..."9").contains(character) }
        var parts = words.filter { !$0.allSatisfy(isDigit) }
        if let last = parts.last, let end = last.lastIndex(where: { !isDigit($0) }),
            last.index(after: end) != last.endIndex
        {
            let stem = String(last[...end])
            if parts.count == 1, Self.generic.contains(stem) { return false }
            parts[parts.count - 1] = stem
        }
        guard let last = parts.last else { return false }
        // A credential word written as two (`PassWord`, `passPhrase`) is one word.
        if !Self.words.contains(last), parts.count >= 2,
            Self.words.contains(parts[parts.count - 2] + last)
        {
            parts[parts.count - 2] += last
            parts.removeLast()
        }
        guard Self.words.contains(parts[parts.count - 1]) else { return false }
        guard parts.count >= 2 else { return true }
        return !harmless.contains(parts[parts.count - 2])
    }

    /// `apiKey` → `api key`, `X-API-Key` → `x api key`, `client_secret` → `client secret`,
    /// lower-cased. An upper-case run before a lower-case letter gives its last capital to
    /// the next word (`HTTPToken` → `http token`); without `capitalsRunOn`, it keeps it
    /// and the lower-case letters start a word (`AUTHtoken` → `auth token`).
    static func words(of name: String, capitalsRunOn: Bool = true) -> [String] {
        var words: [String] = []
        var current = ""
        let scalars = Array(name.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            guard scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) else {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            let isUpper = scalar.properties.isUppercase
            let previousLower = index > 0 && scalars[index - 1].properties.isLowercase
            let nextLower = index + 1 < scalars.count && scalars[index + 1].properties.isLowercase
            let previousUpper = index > 0 && scalars[index - 1].properties.isUppercase
            let startsWord =
                isUpper
                ? previousLower || (capitalsRunOn && previousUpper && nextLower)
                : !capitalsRunOn && scalar.properties.isLowercase && previousUpper
                    && index > 1 && scalars[index - 2].properties.isUppercase
            if startsWord, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.unicodeScalars.append(
                contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The name of the field a field path ends in: `FTPAccess.password` → `password`,
    /// `headers["X-Api-Key"]` → `X-Api-Key`, `items[2]` → `items`.
    static func lastName(of path: String) -> String {
        var text = Substring(path)
        while text.hasSuffix("]") {
            if text.hasSuffix("\"]"), let open = text.range(of: "[\"", options: .backwards) {
                return String(text[open.upperBound..<text.index(text.endIndex, offsetBy: -2)])
            }
            guard let open = text.lastIndex(of: "[") else { break }
            text = text[..<open]
        }
        return String(text.split(separator: ".").last ?? text)
    }

    /// True when `text` is a literal: not empty, no placeholder or near-miss, no `${...}` /
    /// `#{...}` expression, and for Zeebe no FEEL expression other than one string literal.
    static func isLiteral(_ text: [UInt8], readsFEEL: Bool) -> Bool {
        guard text.contains(where: { !isBlank($0) }) else { return false }
        guard PlaceholderScanner.scan(text).isEmpty else { return false }
        // Camunda's own `secrets.NAME` reference, alone, names a secret rather than holding
        // one: `validate` warns that Tresor does not resolve it (a public corpus file's
        // `source="secrets.MY_TOKEN"` was called a literal value).
        let trimmed = Array(text.drop(while: isBlank).reversed().drop(while: isBlank).reversed())
        if let reference = LegacySecretReference.find(in: trimmed).first,
            reference.range == trimmed.indices
        {
            return false
        }
        if readsFEEL, FEELStringLiterals.isExpression(text) { return isSingleLiteral(text) }
        let dollar = Array("${".utf8)
        let hash = Array("#{".utf8)
        return !text.indices.contains { index in
            text[index...].starts(with: dollar) || text[index...].starts(with: hash)
        }
    }

    /// True for a FEEL expression that is one non-empty string literal: `="text"`.
    private static func isSingleLiteral(_ text: [UInt8]) -> Bool {
        let literals = FEELStringLiterals.contents(of: text)
        guard literals.count == 1, let literal = literals.first, !literal.isEmpty else {
            return false
        }
        let outside = text[..<(literal.lowerBound - 1)] + text[(literal.upperBound + 1)...]
        return outside.allSatisfy { isBlank($0) || $0 == UInt8(ascii: "=") }
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
