/// What can go wrong when reading keys and sealed values or opening them.
///
/// No case carries input text: a malformed master key or envelope might be a secret pasted
/// in the wrong place, so messages say what rule was broken, never what was there.
public enum CryptoError: TresorError, Equatable {
    /// A public key is not 44 characters of standard base64 holding 32 bytes.
    case malformedPublicKey
    /// A master key's text is not a valid `TRESOR-SECRET-KEY-1...` key.
    case malformedMasterKey(MasterKeyProblem)
    /// A sealed value's header breaks the `tresor:v1:...` format.
    case malformedEnvelope(EnvelopeProblem)
    /// A sealed value uses a format version this build of `tresor` does not know.
    case unknownEnvelopeVersion(String)
    /// The value was sealed for other keys than the one at hand.
    case notSealedToKey(expected: KeyID, found: [KeyID])
    /// Opening failed: wrong key, damaged box, or a box copied from another secret. One case
    /// for all three on purpose, so that an attacker learns nothing from the message.
    case cannotOpen(name: String)
    /// libsodium refused to seal (the public key is not usable), or the value is too large.
    case cannotSeal(name: String)

    /// Why a master key's text was refused; none of these quote the text.
    public enum MasterKeyProblem: Sendable, Equatable {
        /// It is empty, or white space alone.
        case empty
        /// It does not start with `TRESOR-SECRET-KEY-1`.
        case missingPrefix
        /// The part after the prefix is not 48 characters.
        case wrongLength
        /// The part after the prefix is not URL-safe base64.
        case badEncoding
        /// The checksum does not match: a typo, or a key cut short or changed.
        case badChecksum
    }

    /// Why a sealed value's header was refused; none of these quote the value.
    public enum EnvelopeProblem: Sendable, Equatable {
        /// It does not start with `tresor:`.
        case missingPrefix
        /// The version is missing or not of the form `v<digits>`.
        case badVersion
        /// Nothing follows the version.
        case noRecipient
        /// A recipient's key id is not 16 lower-case hex characters.
        case badKeyID
        /// A box is not canonical standard base64.
        case badBase64
        /// A box is shorter than the smallest possible sealed value.
        case tooShort
        /// The same key id appears twice.
        case duplicateRecipient(KeyID)
    }

    /// One line saying what failed.
    public var message: String {
        switch self {
        case .malformedPublicKey:
            "the public key is not valid: expected 32 bytes in standard base64"
        case .malformedMasterKey(let problem):
            "this is not a valid tresor master key: " + problem.reason
        case .malformedEnvelope(let problem):
            "the sealed value is malformed: " + problem.reason
        case .unknownEnvelopeVersion(let version):
            "the sealed value uses format \(version), which this version of tresor cannot read"
        case .notSealedToKey(let expected, let found):
            "the value is sealed for key "
                + found.map(\.text).joined(separator: ", ")
                + ", not for master key \(expected.text)"
        case .cannotOpen(let name):
            "the value of \(SecretName.printable(name)) cannot be opened: it is corrupted "
                + "or was not sealed for this master key"
        case .cannotSeal(let name):
            "the value of \(SecretName.printable(name)) cannot be sealed: the public key "
                + "is unusable or the value is too large"
        }
    }

    /// What to do about it.
    public var hint: String? {
        switch self {
        case .malformedPublicKey: "restore vault.yaml from git"
        case .malformedMasterKey(.badChecksum):
            "the key was changed or cut short; copy it again from where it is kept"
        case .malformedMasterKey:
            "a master key is TRESOR-SECRET-KEY-1 followed by 48 characters"
        case .malformedEnvelope: "restore the file from git, or set the value again"
        case .unknownEnvelopeVersion: "upgrade tresor"
        case .notSealedToKey:
            "use the master key the vault was sealed for (TRESOR_KEY or TRESOR_KEY_FILE)"
        case .cannotOpen:
            "check the master key; if it is right, restore the file from git or set the "
                + "value again"
        case .cannotSeal: "restore vault.yaml from git"
        }
    }

    /// Damaged files are vault problems; keys that do not fit are key problems.
    public var exitCode: ExitCode {
        switch self {
        case .malformedPublicKey, .malformedEnvelope, .unknownEnvelopeVersion, .cannotSeal:
            .vault
        case .malformedMasterKey, .notSealedToKey, .cannotOpen: .key
        }
    }
}

extension CryptoError.MasterKeyProblem {
    var reason: String {
        switch self {
        // An empty key file read "does not start with TRESOR-SECRET-KEY-1" (found by a
        // forty-fourth fresh tester).
        case .empty: "it is empty"
        case .missingPrefix: "it does not start with TRESOR-SECRET-KEY-1"
        case .wrongLength: "it has the wrong length"
        case .badEncoding: "it holds characters outside the key alphabet"
        case .badChecksum: "its checksum does not match"
        }
    }
}

extension CryptoError.EnvelopeProblem {
    var reason: String {
        switch self {
        case .missingPrefix: "it does not start with tresor:"
        case .badVersion: "the format version is missing or not of the form v1"
        case .noRecipient: "it names no recipient key"
        case .badKeyID: "a recipient key id is not 16 lower-case hex characters"
        case .badBase64: "a sealed box is not valid base64"
        case .tooShort: "a sealed box is too short to hold a value"
        case .duplicateRecipient(let id): "key \(id.text) is listed twice"
        }
    }
}
