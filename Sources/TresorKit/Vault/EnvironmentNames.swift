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
// Limitation: the list covers the shells, the dynamic loader, the C library, git, ssh,
// sudo, editors and pagers, tresor itself, the common language runtimes, package managers
// and tools, GUI toolkits, proxies and certificate bundles; a program that reads another
// variable as code, or as where to connect, is not covered (README, Known limitations).
enum EnvironmentNames {
    /// The reason, for messages: "secret name "PATH" is ...".
    static let why =
        "a variable programs read from their environment (to find code, or settings), and "
        + "exec and dotenv export secrets under their names"

    static let exact: Set<String> = [
        // Shells: what they run, where they look, what they write (bash's read-only
        // variables too, which stop a shell reading dotenv's output halfway).
        "PATH", "IFS", "ENV", "SHELLOPTS", "PS0", "PS1", "PS2", "PS3", "PS4", "PROMPT_COMMAND",
        "CDPATH", "GLOBIGNORE", "HOME", "SHELL", "ZDOTDIR", "FPATH", "TMPDIR", "INPUTRC",
        "MAIL", "MAILPATH", "EUID", "UID", "PPID", "BASHOPTS", "HISTFILE", "HISTFILESIZE",
        "HISTSIZE",
        "HISTCONTROL", "HISTIGNORE", "HISTTIMEFORMAT",
        // The C library and the resolver.
        "GCONV_PATH", "LOCPATH", "NLSPATH", "GLIBC_TUNABLES", "HOSTALIASES",
        "RESOLV_HOST_CONF", "LOCALDOMAIN", "RES_OPTIONS", "MALLOC_CHECK_",
        // Language runtimes and build tools (more in ``prefixes``).
        "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "JAVA_HOME", "CLASSPATH", "PHPRC",
        "PHP_INI_SCAN_DIR", "GOFLAGS", "GOPATH", "GOPROXY", "RUSTC_WRAPPER", "RUSTFLAGS",
        "OPENSSL_CONF", "OPENSSL_MODULES", "OPENSSL_ENGINES", "MAVEN_OPTS", "GRADLE_OPTS",
        "GOENV", "R_PROFILE_USER", "R_PROFILE", "RSYNC_RSH", "CVS_RSH",
        "MANOPT", "GROFF_COMMAND_PREFIX", "WGETRC", "ANSIBLE_CONFIG", "KRB5_CONFIG",
        "PGHOST", "PGSERVICEFILE", "PGPASSFILE",
        // More of the same, found by a fresh tester: programs the tools above run
        // (rsync's, kubectl's, rustc itself), where toolchains and libraries come from (Go,
        // R, Java, Erlang), and where a database or display connection goes.
        "RSYNC_CONNECT_PROG", "RSYNC_PROXY", "KUBE_EDITOR", "KUBECTL_EXTERNAL_DIFF", "RUSTC",
        "RUSTDOC", "RUSTC_WORKSPACE_WRAPPER", "GOROOT",
        "GOTOOLCHAIN", "GOINSECURE", "GONOSUMDB", "GONOSUMCHECK", "GOSUMDB", "GOPRIVATE",
        "GONOPROXY", "GOBIN", "GOCACHE", "GOMODCACHE", "GOEXPERIMENT", "R_LIBS", "R_LIBS_USER",
        "R_LIBS_SITE", "R_ENVIRON", "R_ENVIRON_USER", "R_HOME", "PSQLRC", "PGHOSTADDR",
        "PGSERVICE", "PGSYSCONFDIR", "PGSSLMODE", "PGSSLROOTCERT", "GRADLE_USER_HOME",
        "MAVEN_ARGS", "MAVEN_CONFIG", "JAVA_OPTS", "ERL_AFLAGS", "ERL_ZFLAGS", "ERL_FLAGS",
        "ERL_LIBS", "LESSEDIT", "DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY",
        "XAUTHORITY",
        // Compilers and make: what a build runs, and the flags it passes.
        "MAKEFLAGS", "GNUMAKEFLAGS", "MFLAGS", "MAKEFILES", "CC", "CXX", "CPP", "LD", "AR", "AS",
        "NM", "RANLIB", "CFLAGS", "CXXFLAGS", "CPPFLAGS", "LDFLAGS", "CCC_OVERRIDE_OPTIONS",
        "COMPILER_PATH", "GCC_EXEC_PREFIX", "PKG_CONFIG", "PKG_CONFIG_PATH", "PKG_CONFIG_LIBDIR",
        "PKG_CONFIG_SYSROOT_DIR",
        // Found by a seventh fresh tester: more programs that run another (vim's runtime
        // folder, emacs's load path, psql's pager and editor, AWS's pager, ssh's security
        // key helpers, mvn's java), settings files (gem, irb, wget), prompts shells expand,
        // and where Kerberos, Docker and BuildKit connect.
        "VIM", "ALTERNATE_EDITOR", "EMACSLOADPATH", "PSQL_PAGER", "PSQL_EDITOR",
        "PSQL_EDITOR_LINENUMBER_ARG", "PSQL_HISTORY", "PGOPTIONS", "AWS_PAGER", "AWS_CA_BUNDLE",
        "SSH_SK_PROVIDER", "SSH_SK_HELPER", "SUDO_PS1", "DBUS_SYSTEM_BUS_ADDRESS", "JAVACMD",
        "GEMRC", "IRBRC", "SYSTEM_WGETRC", "GOAUTH", "KRB5CCNAME", "KRB5_KTNAME",
        "KRB5_CLIENT_KTNAME", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY", "DOCKER_CONTEXT",
        "BUILDKIT_HOST", "GETCONF_DIR", "GROFF_BIN_PATH", "PROMPT", "RPROMPT", "RPS1",
        "SPROMPT", "PROMPT2", "PROMPT3", "PROMPT4", "TERMINFO", "TERMINFO_DIRS",
        // Found by an eighth fresh tester: make's built-in recipe variables (each goes into
        // a shell command), zsh's commands for a bare redirection and more of its prompts,
        // Go's cache program and workspace file, ssh's PKCS#11 helper, the linkers and flags
        // Python, Rust and javac builds run, MSBuild's imported targets, corepack's
        // sources, more pagers, where PostgreSQL, AWS credentials and emacs connect.
        "RM", "OUTPUT_OPTION", "LDLIBS", "LOADLIBES", "TARGET_ARCH", "ARFLAGS", "YACC", "LEX",
        "FC", "MAKEINFO", "CO", "GET", "PC", "TEX", "WEAVE", "CWEAVE", "TANGLE", "CTANGLE",
        "LINT", "NULLCMD", "READNULLCMD", "RPS2", "RPROMPT2", "PROMPT_EOL_MARK", "GOCACHEPROG",
        "GOWORK", "SSH_PKCS11_HELPER", "LDSHARED", "RUSTDOCFLAGS", "JDK_JAVAC_OPTIONS",
        "SYSTEMD_LESS", "LESSKEYIN_SYSTEM", "LESSKEY_SYSTEM", "PGPORT", "PSQL_WATCH_PAGER",
        "PGSSLKEY", "PGSSLCERT", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_EC2_METADATA_SERVICE_ENDPOINT",
        "EMACSPATH", "EMACS_SOCKET_NAME", "EMACS_SERVER_FILE", "RAKEOPT", "R_TESTS",
        "ERL_INETRC",
        // Found by a ninth fresh tester: make's own command and more built-ins, the
        // compilers' header and library paths, fc's and emacs's shells, Compose and kube
        // endpoints, cloud credential files that can name a command, more proxies.
        "MAKE", "OBJC", "M2C", "TEXI2DVI", "FFLAGS", "OBJCFLAGS", "CPATH", "C_INCLUDE_PATH",
        "CPLUS_INCLUDE_PATH", "OBJC_INCLUDE_PATH", "LIBRARY_PATH", "FCEDIT", "ESHELL",
        "COMPOSE_FILE", "KUBERNETES_MASTER", "GOOGLE_APPLICATION_CREDENTIALS", "AWS_DATA_PATH",
        "R_MAKEVARS_USER", "RAKELIB", "FTPS_PROXY", "WSS_PROXY", "WS_PROXY", "TARGET_CC",
        "GCCGO", "DIRECTORYBUILDPROPSPATH", "DIRECTORYBUILDTARGETSPATH",
        // Found by a thirteenth fresh tester: Mercurial's and Subversion's settings,
        // editors, ssh and merge tools, Terraform's settings and plugins, the active Python
        // environment, boto's settings, where MySQL reads its settings and connects (more
        // in ``prefixes``: GUI toolkits' modules and plugins, Helm, uv, Nix).
        "HGRCPATH", "HGEDITOR", "HGMERGE", "SVN_EDITOR", "SVN_SSH", "SVN_MERGE",
        "TF_CLI_CONFIG_FILE", "TF_PLUGIN_CACHE_DIR", "TF_DATA_DIR", "TF_CLI_ARGS",
        "VIRTUAL_ENV", "BOTO_CONFIG", "BOTO_PATH", "MYSQL_HOME", "MYSQL_HOST",
        "MYSQL_UNIX_PORT", "MYSQL_TCP_PORT", "LIBGL_DRIVERS_PATH",
        // Found by a fourteenth fresh tester: Terraform's older settings name, where the
        // Vault, Consul and Nomad clients connect and which certificates they trust (an
        // exported token would go with the request), Pipenv's Pipfile, CMake's search path,
        // Azure's settings (more in ``prefixes``: GLib's modules, Julia).
        "TERRAFORM_CONFIG", "VAULT_ADDR", "VAULT_AGENT_ADDR", "VAULT_CACERT", "VAULT_CAPATH",
        "VAULT_SKIP_VERIFY", "CONSUL_HTTP_ADDR", "CONSUL_CACERT", "CONSUL_HTTP_SSL_VERIFY",
        "NOMAD_ADDR", "NOMAD_CACERT", "NOMAD_SKIP_VERIFY", "PIPENV_PIPFILE", "CMAKE_PREFIX_PATH",
        "AZURE_CONFIG_DIR",
        // Found by a sixteenth fresh tester: tar's options (a checkpoint action runs a
        // command), compression tools' options, the temporary folders other programs use,
        // where Vulkan, VA-API, VDPAU, SASL, Tcl/Tk, Mono, QEMU and gawk load code from,
        // sbt's and Ant's JVM options, screen's and mailcap's settings (which name
        // commands), TeX's search paths, Electron's switch to a Node runtime (more in
        // ``prefixes``: ccache, distcc, Guile).
        "TAR_OPTIONS", "GZIP", "BZIP", "BZIP2", "XZ_OPT", "XZ_DEFAULTS", "TMP", "TEMP",
        "VK_LAYER_PATH", "VK_ADD_LAYER_PATH", "VK_ICD_FILENAMES", "VK_DRIVER_FILES",
        "VK_ADD_DRIVER_FILES", "VK_INSTANCE_LAYERS", "LIBVA_DRIVERS_PATH", "LIBVA_DRIVER_NAME",
        "VDPAU_DRIVER_PATH", "VDPAU_DRIVER", "SASL_PATH", "SASL_CONF_PATH", "TCLLIBPATH",
        "TCL_LIBRARY", "TK_LIBRARY", "MONO_PATH", "MONO_ENV_OPTIONS", "MONO_CONFIG",
        "MONO_CFG_DIR", "MONO_GAC_PREFIX", "QEMU_LD_PREFIX", "QEMU_SET_ENV", "AWKPATH",
        "AWKLIBPATH", "SBT_OPTS", "ANT_OPTS", "ANT_ARGS", "SCREENRC", "SYSSCREENRC",
        "MAILCAP", "MAILCAPS", "TEXMFCNF", "TEXINPUTS", "TEXMFHOME", "ELECTRON_RUN_AS_NODE",
        // Found by a seventeenth fresh tester: zip's options (`-TT` names a command), the
        // sanitizers' options (a symbolizer program), OCaml's and PRoot's loaders, the Swift
        // driver's compiler, Podman's connection and settings, Composer's home, Terraform's
        // settings file, jemalloc's options.
        "ZIPOPT", "UNZIP", "ASAN_OPTIONS", "UBSAN_OPTIONS", "MSAN_OPTIONS", "TSAN_OPTIONS",
        "LSAN_OPTIONS", "HWASAN_OPTIONS", "CAML_LD_LIBRARY_PATH", "PROOT_LOADER",
        "PROOT_LOADER_32", "SWIFT_EXEC", "CONTAINER_HOST", "CONTAINER_CONNECTION",
        "CONTAINERS_CONF", "CONTAINERS_REGISTRIES_CONF", "COMPOSER_HOME",
        "TERRAFORM_CLI_CONFIG_FILE", "MALLOC_CONF",
        // Found by an eighteenth fresh tester: the homes of Groovy, Scala and Kotlin, the
        // roots of version managers, whose shims run what lies there (more in
        // ``prefixes``: pyenv, rbenv, nvm, SDKMAN!, asdf, Volta), fzf's commands, the
        // settings of starship and direnv, Apple's toolchain selection, the code caches of
        // Deno, Zig, opam, Stack and Cabal, the hosts the GitHub and GitLab CLIs talk to,
        // the registry credentials of Podman and Skopeo.
        "GROOVY_HOME", "SCALA_HOME", "KOTLIN_HOME", "GOENV_ROOT", "JENV_ROOT", "PLENV_ROOT",
        "STARSHIP_CONFIG", "DEVELOPER_DIR", "SDKROOT", "DENO_DIR", "DENO_INSTALL_ROOT",
        "DENO_CERT", "ZIG_GLOBAL_CACHE_DIR",
        "ZIG_LOCAL_CACHE_DIR", "OPAMROOT", "STACK_ROOT", "CABAL_DIR", "GH_HOST",
        "GH_ENTERPRISE_HOST", "GLAB_HOST", "REGISTRY_AUTH_FILE",
        // Found by a nineteenth fresh tester (`RIPGREP_CONFIG_PATH` made `exec -- rg` run a
        // script of the repository): ripgrep's settings; where Zeebe's and Camunda's
        // clients send their credentials; GitLab's and GitHub's CLIs; more version
        // managers (more in ``prefixes``: mise); cloud metadata and sign-in endpoints;
        // other endpoints, proxies and hosts; JVM options and homes; language tooling;
        // build tools and compilers; browsers, virtual machines and infrastructure tools;
        // password, backup and secret tools that run a command; plug-in and module loaders.
        "RIPGREP_CONFIG_PATH", "ZEEBE_ADDRESS", "ZEEBE_REST_ADDRESS", "ZEEBE_GRPC_ADDRESS",
        "ZEEBE_AUTHORIZATION_SERVER_URL", "CAMUNDA_OAUTH_URL", "CAMUNDA_REST_ADDRESS",
        "CAMUNDA_GRPC_ADDRESS", "GITLAB_HOST", "GL_HOST", "GITLAB_URI", "GH_EDITOR", "GH_PAGER",
        "GH_BROWSER", "GH_CONFIG_DIR", "RTX_DATA_DIR", "RTX_CONFIG_DIR", "NODENV_ROOT",
        "FNM_DIR", "N_PREFIX", "GVM_ROOT", "TFENV_ROOT", "IDENTITY_ENDPOINT", "MSI_ENDPOINT",
        "GCE_METADATA_HOST", "GCE_METADATA_ROOT", "GCE_METADATA_IP", "AZURE_AUTHORITY_HOST",
        "OS_AUTH_URL", "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT",
        "STORAGE_EMULATOR_HOST", "GOOGLE_EXTERNAL_ACCOUNT_ALLOW_EXECUTABLES", "VAULT_HTTP_PROXY",
        "VAULT_PROXY_ADDR", "TF_HTTP_ADDRESS", "OPENAI_BASE_URL", "OPENAI_API_BASE",
        "ANTHROPIC_BASE_URL", "OLLAMA_HOST", "HF_ENDPOINT", "TWINE_REPOSITORY_URL", "SENTRY_URL",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
        "SOCKS_PROXY", "SOCKS_SERVER", "SOCKS5_SERVER", "GRPC_PROXY", "CUPS_SERVER",
        "DEBUGINFOD_URLS", "LDAPURI", "TMUX", "JVM_OPTS", "CATALINA_OPTS", "CATALINA_BASE",
        "CATALINA_HOME", "JRE_HOME", "JDK_HOME", "IBM_JAVA_OPTIONS", "ES_JAVA_OPTS",
        "KAFKA_OPTS", "HADOOP_OPTS", "OTEL_JAVAAGENT_EXTENSIONS", "ELIXIR_ERL_OPTIONS",
        "MIX_ARCHIVES", "HEX_API_URL", "PYTEST_ADDOPTS", "PYTEST_PLUGINS",
        "DJANGO_SETTINGS_MODULE", "IPYTHONDIR", "JUPYTER_CONFIG_DIR", "CONDA_EXE", "CONDARC",
        "PIPX_DEFAULT_PYTHON", "NUGET_PLUGIN_PATHS", "MVNW_REPOURL", "BAZELISK_BASE_URL",
        "CMAKE_TOOLCHAIN_FILE", "CMAKE_C_COMPILER_LAUNCHER", "CMAKE_CXX_COMPILER_LAUNCHER",
        "ASAN_SYMBOLIZER_PATH", "LLVM_SYMBOLIZER_PATH", "SWIFT_BACKTRACE",
        "SWIFT_DRIVER_SWIFT_FRONTEND_EXEC", "CROSS_COMPILE", "HOSTCC", "BUN_INSTALL",
        "BUN_OPTIONS", "LUAROCKS_CONFIG", "RAKULIB", "OCAMLPATH", "CABAL_CONFIG",
        "PUB_HOSTED_URL", "ANDROID_HOME", "COMPOSER", "COURSIER_REPOSITORIES",
        "ELECTRON_MIRROR", "PUPPETEER_EXECUTABLE_PATH", "CHROME_PATH", "CHROME_BIN",
        "ELECTRON_OVERRIDE_DIST_PATH", "CYPRESS_RUN_BINARY", "VAGRANT_CWD",
        "VAGRANT_VAGRANTFILE", "LIBVIRT_DEFAULT_URI", "TERRAGRUNT_TFPATH", "PACKER_PLUGIN_PATH",
        "PULUMI_HOME", "WINEPREFIX", "WINELOADER", "VALGRIND_LIB", "PERF_EXEC_PATH", "MAILRC",
        "TERMINAL", "RESTIC_PASSWORD_COMMAND", "BORG_PASSCOMMAND", "BORG_RSH",
        "RCLONE_PASSWORD_COMMAND", "SOPS_AGE_KEY_CMD", "PASSWORD_STORE_EXTENSIONS_DIR",
        "ODBCINI", "ODBCSYSINI", "LIBMYSQL_PLUGIN_DIR", "LIBMYSQL_PLUGINS",
        "MYSQL_TEST_LOGIN_FILE", "MAGICK_CONFIGURE_PATH", "MAGICK_CODER_MODULE_PATH",
        "GS_OPTIONS", "SANE_CONFIG_DIR", "ALSA_CONFIG_PATH", "LADSPA_PATH", "OCL_ICD_FILENAMES",
        "GBM_BACKENDS_PATH", "GI_TYPELIB_PATH",
        // Found by a thirty-eighth fresh tester: autoconf's site script and tools, tmux's
        // socket folder, GNU parallel's options, Spark's and the browser drivers' paths.
        "CONFIG_SITE", "AUTOCONF", "AUTOHEADER", "AUTOMAKE", "ACLOCAL", "ACLOCAL_PATH", "M4",
        "M4PATH", "LIBTOOLIZE", "TMUX_TMPDIR", "PARALLEL", "PARALLEL_SSH", "BZR_PLUGIN_PATH",
        "SPARK_HOME", "SPARK_CONF_DIR", "PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON",
        "PLAYWRIGHT_BROWSERS_PATH", "FIREFOX_BIN", "GECKODRIVER_PATH", "CHROMEDRIVER_PATH",
        "BYOBU_CONFIG_DIR", "WINEDLLOVERRIDES", "WINEDLLPATH", "GPG_AGENT_INFO",
        // ssh, sudo, gpg.
        "SSH_ASKPASS", "SUDO_ASKPASS", "SUDO_EDITOR", "SSH_AUTH_SOCK", "GNUPGHOME",
        // Editors, pagers, browsers.
        "EDITOR", "VISUAL", "PAGER", "MANPAGER", "BROWSER", "LESS", "LESSOPEN", "LESSCLOSE",
        "LESSKEY", "LESSKEYIN", "VIMINIT", "GVIMINIT", "EXINIT", "VIMRUNTIME", "MYVIMRC",
        "SYSTEMD_PAGER", "SYSTEMD_EDITOR",
        // Settings files that can name a command to run (kubectl's exec plugins, AWS's
        // credential_process).
        "KUBECONFIG", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "DOCKER_CONFIG",
        "DOCKER_HOST", "CLOUDSDK_CONFIG",
        // Where network traffic goes, which certificates are trusted, where TLS session
        // keys are written: a committer could send the command's requests, and the
        // credentials in them, through a host of theirs.
        "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "FTP_PROXY", "NO_PROXY", "CURL_CA_BUNDLE",
        "CURL_HOME", "REQUESTS_CA_BUNDLE", "SSLKEYLOGFILE",
    ]

    /// Families of names one program reads: the dynamic loader's (`LD_PRELOAD`; `DYLD_` on
    /// macOS), tresor's own (`TRESOR_KEY_COMMAND`), git's (`GIT_SSH_COMMAND`,
    /// `GIT_COMMON_DIR`, ...), bash's (`BASH_ENV`, `BASH_LOADABLES_PATH`), the language
    /// runtimes' and package managers' (`PYTHONPATH`, `NODE_OPTIONS`, `PERL5OPT`,
    /// `RUBYOPT`, `NPM_CONFIG_SCRIPT_SHELL`, `CARGO_TARGET_..._RUNNER`, `DOTNET_ROOT`,
    /// `ANSIBLE_LIBRARY`), OpenSSL's certificate locations, the XDG folders, and the GUI
    /// toolkits' modules and plugins (`GTK_MODULES`, `QT_PLUGIN_PATH`, `GST_PLUGIN_PATH`),
    /// GLib's modules (`GIO_MODULE_DIR`), Helm's, uv's, Nix's and Julia's settings
    /// (`HELM_PLUGINS`, `UV_INDEX_URL`, `NIX_PATH`, `JULIA_DEPOT_PATH`), the compiler
    /// wrappers ccache and distcc (`CCACHE_PREFIX`, `DISTCC_HOSTS`), Guile's load paths,
    /// the version managers pyenv, rbenv, nvm, SDKMAN!, asdf and Volta (`PYENV_ROOT`,
    /// `NVM_DIR`) and mise, fzf's commands (`FZF_DEFAULT_COMMAND`), direnv's settings.
    static let prefixes: [[UInt8]] = [
        "LD_", "DYLD_", "TRESOR_", "GIT_", "BASH_", "PYTHON", "NODE_", "PERL", "RUBY", "LUA_",
        "NPM_CONFIG_", "YARN_", "BUNDLE_", "GEM_", "CARGO_", "PIP_", "CORECLR_", "SSL_",
        "XDG_", "DOTNET_", "ANSIBLE_", "CLOUDSDK_", "AWS_ENDPOINT_URL", "CGO_", "RUSTUP_",
        "COREPACK_", "BUNDLER_", "CUSTOMBEFOREMICROSOFT", "CUSTOMAFTERMICROSOFT", "GTK_", "QT_",
        "GST_", "GDK_", "LIBGL_", "HELM_", "UV_", "NIX_", "GIO_", "JULIA_", "CCACHE_",
        "DISTCC_", "GUILE_", "PYENV_", "RBENV_", "NVM_", "SDKMAN_", "ASDF_", "VOLTA_",
        "FZF_", "DIRENV_", "MISE_",
    ].map { Array($0.utf8) }

    /// True when `bytes` (a name that is otherwise valid) start with one of ``prefixes``.
    static func hasReservedPrefix(_ bytes: some Collection<UInt8>) -> Bool {
        prefixes.contains { bytes.starts(with: $0) }
    }

    /// False when no prefix starts with the letters `first` and `second` (0 for a name of
    /// one letter): most names are told apart by these alone.
    static func mayStartFamily(_ first: UInt8, _ second: UInt8) -> Bool {
        familyStarts[Int(first - 0x41)] & (1 << UInt64(second & 0x3F)) != 0
    }

    /// For each first letter A-Z, bit n is set when a prefix's second byte ends in n.
    private static let familyStarts: [UInt64] = {
        var table = [UInt64](repeating: 0, count: 26)
        for prefix in prefixes { table[Int(prefix[0] - 0x41)] |= 1 << UInt64(prefix[1] & 0x3F) }
        return table
    }()
}
