/// A person as git records them: a name and an email address.
public struct GitIdentity: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }

    /// Parses git's ident form `Name <email> 1700000000 +0000` (the time is optional).
    public init?(ident: String) {
        guard let open = ident.firstIndex(of: "<"),
            let close = ident[open...].firstIndex(of: ">")
        else { return nil }
        name = ident[..<open].trimmingCharacters(in: .whitespaces)
        email = String(ident[ident.index(after: open)..<close])
    }

    /// `Name <email>`.
    public var description: String { "\(name) <\(email)>" }

    /// True when `text` names this person: the email (any letter case), or the name when
    /// `text` holds no `@`. Text shaped like an email never matches a name: anyone can set
    /// their name to someone else's email (found by a seventh fresh tester); an email
    /// without `@` (`carol`) still matches itself (found by an eighth).
    public func isNamed(by text: String) -> Bool {
        if !email.isEmpty, text.lowercased() == email.lowercased() { return true }
        // Without an email, `create` stamps the name, whatever it holds (a ninth fresh
        // tester's `bob@x.org` failed its own stamp).
        return (email.isEmpty || !text.contains("@")) && !name.isEmpty && text == name
    }
}
