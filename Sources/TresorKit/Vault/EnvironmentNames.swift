/// Names a secret may not have because programs read them from their environment: for code
/// to run (`BASH_ENV`, `LD_PRELOAD`, `GIT_SSH_COMMAND`), where to find code (`PATH`,
/// `PYTHONPATH`), or where to find their keys and settings (`TRESOR_KEY_COMMAND`,
/// `XDG_CONFIG_HOME`).
///
/// `tresor exec` and `dotenv` put every secret into an environment under its own name,
/// and anyone who can commit to the repository can add a secret (sealing needs only the
/// public key): a secret named `BASH_ENV` would make the command `exec` runs run a script
/// of the committer's choosing. Such names are refused as names everywhere: by `create`,
/// as vault file names by `validate` and the hook, and skipped by `exec` and `dotenv`,
/// which list only valid names.
// Limitation: the list covers the shells, the dynamic loader, git, pagers and editors,
// tresor itself, the common language runtimes and tools, proxies and certificate bundles;
// a program that reads another variable as code, or as where to connect, is not covered
// (README, Known limitations).
enum EnvironmentNames {
    /// The reason, for messages: "secret name "PATH" is ...".
    static let why =
        "a variable programs read from their environment (to find code, or settings), and "
        + "exec and dotenv export secrets under their names"

    static let exact: Set<String> = [
        // Shells.
        "PATH", "IFS", "ENV", "BASH_ENV", "SHELLOPTS", "BASHOPTS", "PS4", "PROMPT_COMMAND",
        "CDPATH", "GLOBIGNORE", "HOME", "SHELL", "ZDOTDIR", "FPATH", "TMPDIR",
        // The C library and the resolver.
        "GCONV_PATH", "LOCPATH", "NLSPATH", "GLIBC_TUNABLES", "HOSTALIASES",
        "RESOLV_HOST_CONF", "LOCALDOMAIN", "RES_OPTIONS",
        // Language runtimes.
        "PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PYTHONUSERBASE", "NODE_OPTIONS",
        "NODE_PATH", "PERL5OPT", "PERL5LIB", "PERLLIB", "PERL5DB", "RUBYOPT", "RUBYLIB",
        "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "CLASSPATH", "LUA_PATH", "LUA_CPATH",
        "LUA_INIT", "PHPRC", "PHP_INI_SCAN_DIR",
        // git, ssh, sudo.
        "GIT_ASKPASS", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_EXEC_PATH", "GIT_CONFIG", "GIT_DIR",
        "GIT_WORK_TREE", "GIT_EDITOR", "GIT_SEQUENCE_EDITOR", "GIT_PAGER",
        "GIT_TEMPLATE_DIR", "GIT_EXTERNAL_DIFF", "GIT_PROXY_COMMAND", "SSH_ASKPASS",
        "SUDO_ASKPASS",
        // Editors, pagers, browsers.
        "EDITOR", "VISUAL", "PAGER", "MANPAGER", "BROWSER", "LESSOPEN", "LESSCLOSE",
        // Where settings and keys are found; settings files that can name a command to
        // run (kubectl's exec plugins, AWS's credential_process).
        "XDG_CONFIG_HOME", "XDG_CONFIG_DIRS", "XDG_DATA_HOME", "XDG_DATA_DIRS",
        "XDG_RUNTIME_DIR", "KUBECONFIG", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
        "DOCKER_CONFIG", "DOCKER_HOST", "NPM_CONFIG_USERCONFIG", "NPM_CONFIG_GLOBALCONFIG",
        "CLOUDSDK_CONFIG", "GNUPGHOME", "SSH_AUTH_SOCK", "LESS", "LESSKEY", "SYSTEMD_PAGER",
        "SYSTEMD_EDITOR",
        // Where network traffic goes, and which certificates are trusted: a committer could
        // send the command's requests, and the credentials in them, through a host of
        // theirs.
        "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "FTP_PROXY", "NO_PROXY", "SSL_CERT_FILE",
        "SSL_CERT_DIR", "CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "NODE_EXTRA_CA_CERTS",
        "NODE_TLS_REJECT_UNAUTHORIZED", "GIT_SSL_NO_VERIFY", "GIT_SSL_CAINFO",
        "PYTHONHTTPSVERIFY",
    ]

    /// Families of names: the dynamic loader's (`LD_PRELOAD`, `LD_AUDIT`; `DYLD_` on
    /// macOS), tresor's own (`TRESOR_KEY_COMMAND`), git's configuration by environment.
    static let prefixes: [[UInt8]] = ["LD_", "DYLD_", "TRESOR_", "GIT_CONFIG_"].map {
        Array($0.utf8)
    }

    /// True when `bytes` (a name that is otherwise valid) start with one of ``prefixes``.
    static func hasReservedPrefix(_ bytes: some Collection<UInt8>) -> Bool {
        switch bytes.first {
        case UInt8(ascii: "L"), UInt8(ascii: "D"), UInt8(ascii: "T"), UInt8(ascii: "G"):
            prefixes.contains { bytes.starts(with: $0) }
        default: false
        }
    }
}
