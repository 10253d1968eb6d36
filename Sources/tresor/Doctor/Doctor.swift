import TresorKit

/// The checks of `tresor doctor`, in the order a new user would fix them: vault, master
/// key, processes, git hooks, diff driver, libraries. A check that needs something an
/// earlier check did not find fails with that as its reason.
struct Doctor {
    let invocation: Invocation

    func checks() -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        let (vault, vaultCheck) = openVault()
        checks.append(vaultCheck)
        checks.append(secretFilesCheck(vault))
        checks += keyChecks(vault)
        checks.append(processesCheck(vault))
        checks += GitHook.allCases.map { hookCheck(vault, $0) }
        checks.append(textconvCheck(vault))
        checks.append(librariesCheck())
        return checks
    }

    private func openVault() -> (Vault?, DoctorCheck) {
        do {
            let vault = try invocation.openVault()
            return (vault, .ok("vault", describe(vault)))
        } catch let error as any TresorError {
            return (nil, .problem("vault", error.message, fix: error.hint))
        } catch {
            return (nil, .problem("vault", "\(type(of: error))", fix: nil))
        }
    }

    /// Every secret file reads, and no rekey is left half done.
    private func secretFilesCheck(_ vault: Vault?) -> DoctorCheck {
        let name = "secret files"
        guard let vault else { return .notChecked(name, "not checked: no vault") }
        if let from = vault.config.rekeyFrom {
            return .problem(
                name, "a rekey from key \(from) is not finished", fix: "run `tresor rekey` again")
        }
        do {
            let (records, errors) = try vault.records()
            if let first = errors.first {
                return .problem(
                    name, "\(count(errors.count, "file")) broken, first: \(first.message)",
                    fix: first.hint)
            }
            return .ok(name, "\(count(records.count, "file")) read")
        } catch {
            return .problem(name, error.message, fix: error.hint)
        }
    }

    private func describe(_ vault: Vault) -> String {
        let secrets = (try? vault.names().count) ?? 0
        return "\(vault.folder) (key id \(vault.config.keyID), \(count(secrets, "secret")))"
    }

    private func processesCheck(_ vault: Vault?) -> DoctorCheck {
        let name = "processes folder"
        guard let vault else { return .notChecked(name, "not checked: no vault") }
        let folder: String
        do { folder = try invocation.processesFolder(vault) } catch {
            return .problem(name, "\(error)", fix: nil)
        }
        guard FileReader.isFolder(folder) else {
            // The default folder may be missing: `validate` then checks the vault alone
            // (doctor failed on it; found by a fresh tester).
            if invocation.arguments.value("processes") == nil,
                vault.config.namesDefaultProcesses,
                FileTree.kind(of: folder) == .missing
            {
                return .ok(name, "none (\(folder) does not exist; validate checks the vault alone)")
            }
            return .problem(
                name,
                FileTree.kind(of: folder) == .missing
                    ? "\(folder) does not exist" : "\(folder) is not a folder",
                fix: invocation.arguments.value("processes") != nil
                    ? "create it, or give --processes the folder that holds the process files"
                    : "create it, or set settings.processes in vault/vault.yaml")
        }
        return .ok(name, folder)
    }

    private func librariesCheck() -> DoctorCheck {
        let sodium = LibraryVersions.sodium
        let detail =
            "tresor \(CommandLineTool.version), libsodium \(sodium.version), "
            + "libyaml \(LibraryVersions.yaml), libxml2 \(LibraryVersions.xml2)"
        guard sodium.ready else {
            return .problem(
                "libraries", detail + "; libsodium failed to initialise",
                fix: "make sure the system offers a random source (getrandom, /dev/urandom)")
        }
        return .ok("libraries", detail)
    }
}
