import Foundation
import TresorKit

#if canImport(Glibc)
    import Glibc
#endif

/// Builds the library's ``TresorEnvironment`` from the real process: its variables, its
/// working folder, the clock, and the user from git's configuration.
enum ProcessEnvironment {
    /// The environment as the process started with it. The key variables are then taken
    /// out of the process's own (``KeyStore/variableNames``): only this copy holds them,
    /// and no command `tresor` starts inherits them.
    static func current() -> TresorEnvironment {
        let variables = ProcessInfo.processInfo.environment
        for name in KeyStore.variableNames { unsetenv(name) }
        return TresorEnvironment(
            variables: variables, currentDirectory: FileManager.default.currentDirectoryPath,
            user: { folder in
                let fromGit = gitUser(in: folder)
                userFellBack.set(fromGit == nil)
                return fromGit ?? TresorEnvironment.loginName(variables)
            })
    }

    /// True once an audit stamp was made without an author from git (see ``gitUser``):
    /// `create` and `edit` then say so, as the hook will refuse the stamp unless it names
    /// the commit's author (a forty-eighth fresh tester stamped `unknown` without a word).
    static let userFellBack = Flag()

    /// A flag set from the environment's `user` closure, read by the command after it.
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set(_ newValue: Bool) { lock.withLock { value = newValue } }
        var isSet: Bool { lock.withLock { value } }
    }

    /// The author git would record for a commit made here (`git var GIT_AUTHOR_IDENT`: the
    /// GIT_AUTHOR_EMAIL and EMAIL variables, then user.email), its email, else its name:
    /// the same author the pre-commit hook compares `updated.by` with. Without one, git's
    /// user.email, else user.name.
    static func gitUser(in folder: String) -> String? {
        if let ident = git(["var", "GIT_AUTHOR_IDENT"], in: folder),
            let identity = GitIdentity(ident: ident)
        {
            let chosen = identity.email.isEmpty ? identity.name : identity.email
            if !chosen.isEmpty { return chosen }
        }
        for key in ["user.email", "user.name"] {
            if let value = git(["config", "--get", key], in: folder), !value.isEmpty {
                return value
            }
        }
        return nil
    }

    /// `git -C folder ARGUMENTS`'s output, trimmed, run with posix_spawn and waited for
    /// with waitpid: Foundation's `Process.waitUntilExit` polls every 50 ms, which made
    /// every `create` and `edit` 50 ms slower than the git run itself.
    private static func git(_ arguments: [String], in folder: String) -> String? {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        // Close-on-exec, so the child keeps only the copy it gets as standard output.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        defer { close(fds[0]) }
        guard let git = ExecutableSearch.git else {
            close(fds[1])
            return nil
        }
        let pid = spawn([git, "-C", folder] + arguments, stdout: fds[1], folder: folder)
        close(fds[1])
        guard let pid else { return nil }
        let output = try? FileReader.readAll(fds[0], path: "git", limit: 1 << 16)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // A zero wait status is a normal exit with code 0.
        guard status == 0, let output else { return nil }
        let text = String(decoding: output, as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts `arguments` (the program by its absolute path) with standard output on
    /// `stdout`, standard input and error on /dev/null, about the repository of `folder`;
    /// nil when it cannot start.
    private static func spawn(_ arguments: [String], stdout: Int32, folder: String) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // Without the variables that name a repository: `-C folder` asks the vault's, where
        // an exported GIT_DIR (a git alias, a hook) named another's author (found by a
        // fiftieth fresh tester).
        // Read from `environ` itself, which no longer holds the key variables (see
        // ``current()``); entries are passed on as they are. They stay when the folder
        // lies in GIT_WORK_TREE: then they name the vault's own repository (a work tree
        // apart from its git folder; a fifty-first fresh tester).
        let workTree = getenv("GIT_WORK_TREE").map { String(cString: $0) }
        let own = workTree.map { folder.isSamePath(as: $0) || folder.relativePath(in: $0) != nil }
        let left =
            own == true
            ? [] : ["GIT_DIR=", "GIT_WORK_TREE=", "GIT_COMMON_DIR=", "GIT_INDEX_FILE="]
        var envp: [UnsafeMutablePointer<CChar>?] = []
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if !left.contains(where: { text.hasPrefix($0) }) { envp.append(pointer) }
            entry += 1
        }
        envp.append(nil)
        var pid = pid_t()
        guard posix_spawn(&pid, arguments[0], &actions, nil, argv, envp) == 0 else {
            return nil
        }
        return pid
    }
}
