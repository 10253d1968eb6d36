#if canImport(Glibc)
    import Glibc
#endif

/// Wires Tresor's hooks into a repository: writes the script of each ``GitHook``
/// (`Hooks/pre-commit`, `Hooks/pre-merge-commit`) into the folder git runs hooks from
/// (`core.hooksPath` when set, else `.git/hooks`), and never replaces a hook that is not
/// its own.
public enum HookInstaller {
    /// What `install` did.
    public enum Outcome: Sendable, Equatable {
        /// The hook was written to the path.
        case installed(String)
        /// The hook at the path already runs Tresor; nothing changed.
        case alreadyInstalled(String)
        /// The hook at the path runs Tresor but was not executable, so git skipped it; it
        /// is now.
        case madeExecutable(String)
        /// The hook calls `--append`'s script, which was missing or changed: it is Tresor's
        /// script again.
        case companionRestored(String)
        /// The script was written next to the existing hook, which now calls it.
        case appended(hook: String, script: String)
        /// The hook (or the script `--append` wrote) was an earlier release's script, and is
        /// today's now.
        case updated(String)
    }

    /// Installs `kind` for the repository at `top`. An existing foreign hook is left as it
    /// is unless `append` is set: then Tresor's script goes next to it as
    /// `tresor-pre-commit` (``GitHook/companionName``), and a line calling it goes right
    /// after the hook's first line (its `#!`), so no `exit` in the hook can skip it.
    public static func install(top: String, append: Bool, _ kind: GitHook) throws -> Outcome {
        let folder = try hooksFolder(top: top)
        let hook = folder + "/" + kind.fileName
        let script = kind.script
        guard FileReader.exists(hook) else {
            try write(script, to: hook)
            return .installed(hook)
        }
        // A link whose target is gone: git cannot run it, and reading it says "nothing is
        // there" of a path that holds a link.
        var target = stat()
        if FileTree.kind(of: hook) == .link, stat(hook, &target) != 0 {
            throw HookInstallError.brokenLink(hook)
        }
        let existing = String(decoding: try FileReader.read(hook, limit: 1 << 20), as: UTF8.self)
        let companion = folder + "/" + kind.companionName
        // An earlier release's script is replaced by today's; a link to one is left to the
        // user, as its target may be shared (found by a fresh tester). Earlier releases
        // installed no other hook.
        if kind == .preCommit, isEarlierScript(existing) {
            if FileTree.kind(of: hook) == .link { throw HookInstallError.linkedEarlierHook(hook) }
            try write(script, to: hook)
            return .updated(hook)
        }
        if kind == .preCommit, callsCompanion(existing), holdsEarlierScript(at: companion) {
            try write(script, to: companion)
            return .updated(companion)
        }
        if callsCompanion(existing, kind), !isTresorsScript(at: companion, kind) {
            // The call stays; the script it calls was deleted or changed, so every commit
            // failed or nothing was checked (found by a seventh fresh tester).
            try write(script, to: companion)
            return .companionRestored(companion)
        }
        if runsTresor(existing, companion: companion, kind) {
            // Git skips a hook it cannot run, without a word (found by a fresh tester).
            guard access(hook, X_OK) != 0 else { return .alreadyInstalled(hook) }
            guard chmod(hook, 0o755) == 0 else { throw FileError.system("chmod", hook, errno) }
            return .madeExecutable(hook)
        }
        guard append else { throw HookInstallError.existingHook(hook) }
        // Written in place, a link would become a file; its target may be shared (found by
        // a seventh fresh tester: the write failed as if a file had appeared).
        if FileTree.kind(of: hook) == .link { throw HookInstallError.linkedHook(hook) }
        // A `#!` line that would not count as Tresor's afterwards (`#!/bin/sh -n`) gets no
        // call: it would report success and run nothing (found by a ninth fresh tester).
        guard isPlainShellLine(existing.prefix { $0 != "\n" }) else {
            throw HookInstallError.notShell(hook)
        }
        try write(script, to: companion)
        let lines = existing.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let rest = lines.count > 1 ? String(lines[1]) : ""
        try write(String(lines[0]) + "\n" + kind.appendedCall + rest, to: hook)
        return .appended(hook: hook, script: companion)
    }

    /// True when the file at `path` is Tresor's script for `kind`.
    static func isTresorsScript(at path: String, _ kind: GitHook = .preCommit) -> Bool {
        guard FileTree.kind(of: path) == .file,
            let bytes = try? FileReader.read(path, limit: 1 << 20)
        else { return false }
        return bytes.elementsEqual(kind.script.utf8)
    }

    /// True when the hook `text` surely runs Tresor: it is Tresor's script, or its first
    /// lines after the `#!` line are the call `--append` adds and the script that call runs
    /// (`companion`, a path) is Tresor's too (a missing or changed one checks nothing). A
    /// hook that only mentions `tresor hook pre-commit` (in a comment, after an `exit`,
    /// behind a condition) is not taken for one: it let a master key be committed (found by
    /// a fresh tester).
    public static func runsTresor(
        _ text: String, companion: String, _ kind: GitHook = .preCommit
    ) -> Bool {
        // Byte for byte: String's `==` takes U+037E for `;` (found by a tenth fresh tester).
        text.utf8.elementsEqual(kind.script.utf8)
            || (callsCompanion(text, kind) && isTresorsScript(at: companion, kind))
    }

    /// True when the hook `text` starts with a plain shell's `#!` line and the lines right
    /// after it are `--append`'s. A `#!` line with options (`#!/bin/sh -n`, `env -S sh -c
    /// true`) could keep the call from running (found by an eighth fresh tester); `-e`,
    /// `-u` and `-x` cannot.
    static func callsCompanion(_ text: String, _ kind: GitHook = .preCommit) -> Bool {
        guard let end = text.firstIndex(of: "\n"), isPlainShellLine(text[..<end]) else {
            return false
        }
        return text[text.index(after: end)...].hasPrefix(kind.appendedCall)
    }

    /// `#!/bin/sh`, `#!/usr/bin/env bash` and the like: a shell by its path with at most one
    /// option word of `-e`, `-u`, `-x` (`-eux`; Linux hands the rest of the line to the
    /// shell as one word, so `-e -x` fails), or a shell through `env` with none (`env`
    /// would look for a program named `bash -e`; found by a ninth fresh tester).
    static func isPlainShellLine(_ line: Substring) -> Bool {
        var words = line.dropFirst(2).split(separator: " ")
        guard line.hasPrefix("#!"), !words.isEmpty else { return false }
        let throughEnv = words[0] == "/usr/bin/env"
        if throughEnv { words.removeFirst() }
        let shells = ["sh", "bash", "dash", "zsh", "ksh"]
        guard let shell = words.first,
            shells.contains(String(shell.split(separator: "/").last ?? "")),
            shell.hasPrefix("/") != throughEnv
        else { return false }
        let options = words.dropFirst()
        guard options.count <= (throughEnv ? 0 : 1) else { return false }
        return options.allSatisfy { option in
            option.count >= 2 && option.first == "-"
                && option.dropFirst().allSatisfy("eux".contains)
        }
    }

    /// The folder git runs hooks from, created when `core.hooksPath` names a new one.
    static func hooksFolder(top: String) throws -> String {
        if let setting = hooksTurnedOff(in: top) { throw HookInstallError.hooksTurnedOff(setting) }
        let output = try GitProcess(folder: top).checked(["rev-parse", "--git-path", "hooks"])
        // Only git's line feed goes: a folder name may end in a space or a combining mark,
        // which trimming white space (by character) would take with it.
        let path = String(
            decoding: output.last == 0x0A ? output.dropLast() : output[...], as: UTF8.self)
        let folder = path.isAbsolutePath ? path : top + "/" + path
        // A file there (`/dev/null/`, a file core.hooksPath names) was "File exists" with a
        // hint about renders (found by a forty-seventh fresh tester).
        if FileTree.kind(of: folder) != .missing, !FileReader.isFolder(folder) {
            throw HookInstallError.hooksPathNotAFolder(folder)
        }
        if !FileReader.isFolder(folder) {
            guard mkdir(folder, 0o755) == 0 else {
                throw FileError.system("create", folder, errno)
            }
        }
        return folder
    }

    /// What is wrong with the `tresor` Tresor's hook scripts would run in an environment of
    /// `variables` and this process's `PATH`, in the repository whose top is `top` (their
    /// working folder), looked for as they look: `$TRESOR`, else the first `tresor` of
    /// `PATH`, which they refuse in a relative folder. Nil when all is well. Every commit
    /// failed while `hook install` and `doctor` said all was well (found by a forty-eighth
    /// fresh tester); a `tresor` inside the repository, which a commit can change, was
    /// taken (a forty-ninth).
    // Limitation: the hook scripts themselves run a `tresor` an absolute folder of `PATH`
    // finds inside the repository; `hook install` and `doctor` say so (README, Known
    // limitations).
    public static func hookBinaryProblem(variables: [String: String], top: String) -> String? {
        func isProgram(_ path: String) -> Bool {
            var info = stat()
            return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
                && access(path, X_OK) == 0
        }
        func resolved(_ path: String) -> String {
            guard let pointer = realpath(path, nil) else { return path }
            defer { free(pointer) }
            return String(cString: pointer)
        }
        // The file and each link it leads through, their folders resolved: a PATH folder
        // reached through a link into the repository was "ok" (a fiftieth fresh tester),
        // and so was a link outside pointing at a file of the repository (a fifty-first).
        func inRepository(_ path: String) -> Bool {
            let realTop = resolved(top)
            var current = path
            for _ in 0..<ProcessFolderResolution.maximumHops {
                let folder = resolved(current.pathParent.map(String.init) ?? "/")
                if (folder + "/" + current.lastPathName).relativePath(in: realTop) != nil {
                    return true
                }
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let count = readlink(current, &buffer, buffer.count - 1)
                guard count > 0 else { return false }
                let target = String(
                    decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                current = target.isAbsolutePath ? target : folder + "/" + target
            }
            return false
        }
        // What the scripts run for `name` found through PATH, as `command -v` finds it.
        func throughPath(_ name: String, shown: String) -> String? {
            let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
            for entry in path.split(separator: ":", omittingEmptySubsequences: false) {
                let folder = entry.isEmpty ? "." : String(entry)
                let candidate = (folder.isAbsolutePath ? folder : top + "/" + folder) + "/" + name
                guard isProgram(candidate) else { continue }
                if !folder.isAbsolutePath {
                    return "PATH finds \(shown) in the relative folder \(folder), which may be the "
                        + "repository's"
                }
                return inRepository(candidate)
                    ? "PATH finds \(shown) at \(candidate), in the repository, where a commit can "
                        + "change it"
                    : nil
            }
            return "neither $TRESOR nor PATH gives a tresor, so every commit fails"
        }
        guard let named = variables["TRESOR"], !named.isEmpty else {
            return throughPath("tresor", shown: "tresor")
        }
        // A name without a slash is run as a command, found through PATH with its relative
        // folders, which the scripts refuse only for a tresor they look up themselves (a
        // fiftieth fresh tester ran a tresor of the repository so).
        if !named.contains("/") { return throughPath(named, shown: "$TRESOR (\(named))") }
        let path = named.isAbsolutePath ? named : top + "/" + named
        if !isProgram(path) {
            return "$TRESOR (\(named)) names no executable file, so every commit fails"
        }
        return inRepository(path)
            ? "$TRESOR (\(named)) lies in the repository, where a commit can change it" : nil
    }

    /// The `core.hooksPath` setting when it turns every hook off: `/dev/null`, the usual
    /// way, or empty, where git looks for `/pre-commit` while `--git-path hooks` says `./`
    /// (a hook was written into the work tree's top and never ran: found by a forty-fourth
    /// fresh tester). Nil otherwise.
    public static func hooksTurnedOff(in folder: String) -> String? {
        guard
            let output = try? GitProcess(folder: folder).run(["config", "--get", "core.hooksPath"]),
            output.status == 0
        else { return nil }
        let value = String(
            decoding: output.stdout.last == 0x0A ? output.stdout.dropLast() : output.stdout[...],
            as: UTF8.self)
        return value.isEmpty || value == "/dev/null" ? value : nil
    }

    private static func write(_ text: String, to path: String) throws {
        try AtomicFile.write(Array(text.utf8), to: path, mode: 0o755)
    }
}

/// Why `tresor hook install` left the repository as it was.
public enum HookInstallError: TresorError {
    /// A pre-commit hook that is not Tresor's is there.
    case existingHook(String)
    /// `--append` was asked for, but the existing hook is not a shell script.
    case notShell(String)
    /// The hook is a symbolic link to nothing.
    case brokenLink(String)
    /// `--append` was asked for, but the hook is a symbolic link.
    case linkedHook(String)
    /// The hook is a symbolic link to an earlier release's script.
    case linkedEarlierHook(String)
    /// `core.hooksPath` is set to turn hooks off (its value: empty or `/dev/null`).
    case hooksTurnedOff(String)
    /// The folder git runs hooks from (`core.hooksPath`) is something other than a folder.
    case hooksPathNotAFolder(String)

    public var message: String {
        switch self {
        case .existingHook(let path): "\(path) exists and is not Tresor's hook; left unchanged"
        case .notShell(let path):
            "\(path) is not a plain shell script (its #! line names another program, or "
                + "options beyond -e, -u, -x), so no call is appended; left unchanged"
        case .brokenLink(let path):
            "\(path) is a symbolic link to a file that does not exist; left unchanged"
        case .linkedHook(let path):
            "\(path) is a symbolic link, so no call is added to it; left unchanged"
        case .linkedEarlierHook(let path):
            "\(path) is a symbolic link to an earlier release's script, which may run a "
                + "tresor from the repository; left unchanged, as the file it points at may "
                + "be shared"
        case .hooksTurnedOff(let setting):
            "git runs no hooks in this repository: core.hooksPath is "
                + (setting.isEmpty ? "empty" : setting) + "; nothing installed"
        case .hooksPathNotAFolder(let path):
            "git runs hooks from \(path), which is not a folder; nothing installed"
        }
    }

    public var hint: String? {
        switch self {
        case .existingHook:
            "`tresor hook install --append` adds a call to Tresor right after its `#!` line, "
                + "the one call Tresor recognises (a call further down can be skipped)"
        case .notShell:
            "make the hook run `tresor hook pre-commit` and fail when it fails"
        case .brokenLink(let path):
            "remove the link (rm \(path)) and run `tresor hook install` again, or point it at "
                + "the hook script it was meant for"
        case .linkedHook:
            "replace the link with a copy of the file it points at, then run `tresor hook "
                + "install --append` again"
        case .linkedEarlierHook(let path):
            "remove the link (rm \(path)) and run `tresor hook install` again"
        case .hooksPathNotAFolder:
            "point core.hooksPath at a folder, or unset it (`git config --unset core.hooksPath`)"
        case .hooksTurnedOff:
            "unset it where it is set (`git config --show-origin core.hooksPath` tells where; "
                + "`git config --unset core.hooksPath`) and run `tresor hook install` again"
        }
    }

    public var exitCode: ExitCode { .problems }
}
