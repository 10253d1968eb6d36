/// Problems with the vault as a whole or with one secret in it.
public enum VaultError: TresorError {
    /// No `vault/vault.yaml` in the folder or a parent, up to the top of the git
    /// `repository` the search started in, when there is one.
    case notFound(searchedFrom: String, repository: String?)
    /// The vault the search found belongs to another user, or anyone may write to it.
    case untrusted(String, reason: String)
    /// `--vault` names a folder without `vault.yaml`.
    case notInitialized(String)
    /// `tresor init` found a vault already there.
    case alreadyInitialized(String)
    /// `init` found something that is not a folder where the vault folder goes.
    case notAFolder(String)
    /// The vault folder named (`--vault`) is a file, a FIFO or a device.
    case vaultNotAFolder(String)
    /// No file for the secret.
    case secretNotFound(SecretName)
    /// `create` of a name that exists.
    case secretExists(SecretName)
    /// A vault file breaks the format.
    case file(VaultFileError)
    /// A value that cannot be stored (not UTF-8, holds NUL, wrong for its type).
    case invalidValue(SecretName, String)
    /// A value that opened but breaks the same rules (sealed without Tresor's checks, by
    /// anyone holding the public key): refused where it would be used, never shown.
    case storedValueRefused(SecretName, String)
    /// A secret changed between a command's look at it and its change (a delete waiting
    /// for confirmation).
    case changedMeanwhile(SecretName)
    /// `rekey` where vault.yaml names another key than the commit before it: an earlier
    /// rekey is done and not committed.
    case rekeyNotCommitted(KeyID, committed: KeyID, folder: String)
    /// `rekey` found vault.yaml on another key once it held the lock than when it started:
    /// another rekey ran meanwhile.
    case rekeyRaced(started: KeyID, now: KeyID)
    /// The vault found from the current folder lies inside the folder of another vault.
    case nestedVault(String, outer: String)
    /// The value of a secret changed while `edit --type` checked it against the new type.
    case valueChangedDuringTypeCheck(SecretName)
    /// A display name that breaks the rules.
    case invalidDisplayName(String)
    /// A file system call failed.
    case io(FileError)
    /// The master key could not be loaded.
    case key(KeyError)
    /// A value could not be sealed or opened.
    case crypto(CryptoError)
    /// The vault lock could not be taken.
    case lock(LockError)
    /// A value is sealed to other keys than the master key at hand.
    case sealedToOtherKey(SecretName, found: [KeyID], expected: KeyID)
    /// `rekey` would finish a rekey to a key no key source here holds: every value would
    /// be sealed to a key nobody at hand can open (whoever changed vault.yaml may hold it).
    case rekeyTargetNotHeld(from: KeyID, to: KeyID, KeyError)

    public var message: String {
        switch self {
        case .notFound(let start, nil): "no vault found in \(start) or any parent folder"
        case .notFound(let start, let top?):
            "no vault found in \(start) or a parent folder up to \(top), the top of its git "
                + "repository"
        case .untrusted(let path, let reason):
            "not using the vault found at \(path): \(reason)"
        case .notInitialized(let folder): "\(folder) holds no vault.yaml"
        case .alreadyInitialized(let path): "\(path) already exists; the vault is set up"
        case .notAFolder(let path): "\(path) exists and is not a folder"
        case .vaultNotAFolder(let path): "\(path) is not a folder, so it holds no vault"
        case .secretNotFound(let name): "secret not found: \(name)"
        case .secretExists(let name): "secret \(name) already exists"
        case .file(let error): error.message
        case .invalidValue(let name, let reason): "the value for \(name) is refused: \(reason)"
        case .changedMeanwhile(let name):
            "secret \(name) was changed by another process while delete waited for "
                + "confirmation; nothing was deleted"
        case .rekeyRaced(let started, let now):
            "vault.yaml went from key \(started) to \(now) while this rekey waited for the vault "
                + "lock (another rekey ran); nothing was changed"
        case .rekeyNotCommitted(let current, let committed, _):
            "vault.yaml names key \(current) and the last commit key \(committed): an earlier "
                + "rekey is done but not committed, and a second one now would sign only its "
                + "own step, which the hook refuses"
        case .nestedVault(let vault, let outer):
            "the vault found here, \(vault), lies inside the folder of another vault, \(outer): "
                + "Tresor does not guess which one is meant"
        case .valueChangedDuringTypeCheck(let name):
            "the value of \(name) was changed by another process while edit checked it "
                + "against the new type; nothing was changed"
        case .storedValueRefused(let name, let reason):
            "the stored value of \(name) breaks the value rules: \(reason)"
        case .invalidDisplayName(let reason): reason
        case .io(let error): error.message
        case .key(let error): error.message
        case .crypto(let error): error.message
        case .lock(let error): error.message
        case .sealedToOtherKey(let name, let found, let expected):
            "the value of \(name) is sealed to key "
                + found.map(\.text).joined(separator: ", ") + ", not to master key \(expected)"
        case .rekeyTargetNotHeld(let from, let to, let error):
            "vault.yaml records a rekey from key \(from) to key \(to), and the key to finish "
                + "it with is not at hand (\(error.message)); nothing was re-sealed"
        }
    }

    public var hint: String? {
        switch self {
        case .notInitialized(let path) where path.hasSuffixBytes("/" + Vault.configFile),
            .notAFolder(let path) where path.hasSuffixBytes("/" + Vault.configFile),
            .vaultNotAFolder(let path) where path.hasSuffixBytes("/" + Vault.configFile):
            "--vault names the folder that holds vault.yaml (vault, not vault/vault.yaml)"
        case .vaultNotAFolder:
            "--vault names the folder that holds vault.yaml (the vault folder, such as vault)"
        case .notFound, .notInitialized:
            "run `tresor init` in the repository's top folder, or pass --vault DIR"
        case .untrusted(let path, _):
            "a vault found by searching the parent folders must be yours and not writable by "
                + "every user; if this one is meant, pass --vault \(path)"
        case .notAFolder:
            "move it away, or give `tresor init --vault DIR` another folder for the vault"
        case .alreadyInitialized: "nothing to do; `tresor list` shows its secrets"
        case .secretNotFound: "`tresor list` shows the secrets there are"
        case .secretExists(let name): "change it with `tresor edit \(name) --new-value`"
        case .file(let error): error.hint
        // Said for an empty one, the mistake of a value that never arrived (`</dev/null`,
        // an empty file or pipe; found by a twenty-fifth fresh tester without a hint).
        case .invalidValue(_, let reason) where reason == SecretValueRules.emptyProblem:
            "pipe the value in (printf '%s' \"$VALUE\" | tresor ...), give --value-file, or "
                + "type it at the prompt"
        case .invalidValue: nil
        case .changedMeanwhile(let name):
            "run `tresor delete \(name)` again to confirm the secret as it is now"
        case .rekeyRaced:
            "commit the other rekey's result; run `tresor rekey` again only for yet another key"
        case .rekeyNotCommitted(_, _, let folder):
            "commit \(folder)/ first, then run `tresor rekey` again; or restore it with `git "
                + "checkout HEAD -- \(folder)/` to start over"
        case .nestedVault(let vault, let outer):
            "pass --vault \(outer) (or --vault \(vault)); if you did not make \(vault), check "
                + "who committed it (git log -- \(vault)) and remove it"
        case .valueChangedDuringTypeCheck(let name):
            "run the `tresor edit \(name) --type ...` again to check the value as it is now"
        case .storedValueRefused(let name, _):
            "a value sealed by hand, or one whose type was changed without the master key, "
                + "may break them; set it again with `tresor edit \(name) --new-value`"
        case .invalidDisplayName: "use one line of text, for example \"FTP password\""
        case .io(let error): error.hint
        case .key(let error): error.hint
        case .crypto(let error): error.hint
        case .lock(let error): error.hint
        case .sealedToOtherKey(let name, _, _):
            "set the value again with `tresor edit \(name) --new-value`; `tresor validate` "
                + "lists every value sealed to another key"
        case .rekeyTargetNotHeld(_, let to, _):
            "if you started this rekey, make key \(to) findable (its key file \(to).key from "
                + "the machine that started it) and run `tresor rekey` again; if you did not, "
                + "vault.yaml was changed by someone else: restore it from git (`git log -p -- "
                + "vault/vault.yaml`) and tell your team"
        }
    }

    public var exitCode: ExitCode {
        switch self {
        case .notFound, .untrusted, .notInitialized, .alreadyInitialized, .notAFolder,
            .vaultNotAFolder, .file, .nestedVault:
            .vault
        case .secretNotFound, .secretExists, .invalidValue, .storedValueRefused,
            .changedMeanwhile, .valueChangedDuringTypeCheck, .rekeyNotCommitted, .rekeyRaced:
            .problems
        case .invalidDisplayName: .usage
        case .io(let error): error.exitCode
        case .key(let error): error.exitCode
        case .crypto(let error): error.exitCode
        case .lock(let error): error.exitCode
        case .sealedToOtherKey, .rekeyTargetNotHeld: .key
        }
    }
}
