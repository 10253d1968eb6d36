import Testing

@testable import TresorKit

@Suite struct SecretNameTests {
    @Test(arguments: ["FTP_PASSWORD", "A", "X9_", String(repeating: "A", count: 64)])
    func acceptsValidNames(_ text: String) throws {
        #expect(try SecretName(text).text == text)
    }

    @Test(arguments: [
        "", "ftp", "9A", "_A", "A-B", "A/B", "..", "A\u{0}B", "ÄBC", "Ａ", "VAULT",
        String(repeating: "A", count: 65),
    ])
    func rejectsInvalidNames(_ text: String) {
        #expect(throws: NameError.self) { try SecretName(text) }
    }

    /// `exec` and `dotenv` export secrets under their names, and anyone who can commit can
    /// add one: a name programs read from their environment would let a committer choose
    /// what the command runs (found by a fresh tester).
    @Test(arguments: [
        "PATH", "BASH_ENV", "ENV", "LD_PRELOAD", "LD_LIBRARY_PATH", "TRESOR_KEY_COMMAND",
        "TRESOR_KEY", "GIT_SSH_COMMAND", "GIT_CONFIG_KEY_0", "PYTHONPATH", "NODE_OPTIONS",
        "XDG_CONFIG_HOME", "LESSOPEN", "DYLD_INSERT_LIBRARIES", "HTTPS_PROXY", "KUBECONFIG",
        "AWS_CONFIG_FILE", "NODE_TLS_REJECT_UNAUTHORIZED", "GIT_COMMON_DIR", "LESS", "VIMINIT",
        "PYTHONPYCACHEPREFIX", "PS1", "HISTFILE", "EUID", "BASH_LOADABLES_PATH",
        "NPM_CONFIG_SCRIPT_SHELL", "SSLKEYLOGFILE", "OPENSSL_CONF", "BASHOPTS", "PIP_INDEX_URL",
        "MAVEN_OPTS", "DOTNET_STARTUP_HOOKS", "CORECLR_PROFILER_PATH", "GOENV", "PGHOST",
        // Found by a sixth fresh tester.
        "RSYNC_CONNECT_PROG", "KUBE_EDITOR", "KUBECTL_EXTERNAL_DIFF", "RUSTC", "DOTNET_ROOT",
        "GOROOT", "GOTOOLCHAIN", "R_LIBS", "PSQLRC", "PGSSLMODE", "ANSIBLE_LIBRARY",
        "JAVA_OPTS", "MAKEFLAGS", "CC", "ERL_AFLAGS", "LESSEDIT", "DBUS_SESSION_BUS_ADDRESS",
        "DISPLAY",
        // Found by a seventh fresh tester.
        "GNUMAKEFLAGS", "CCC_OVERRIDE_OPTIONS", "VIM", "PSQL_PAGER", "AWS_ENDPOINT_URL_S3",
        "SSH_SK_PROVIDER", "JAVACMD", "CLOUDSDK_PYTHON", "CGO_LDFLAGS", "RUSTUP_DIST_SERVER",
        "KRB5CCNAME", "PROMPT", "AWS_ENDPOINT_URL",
        // Found by an eighth fresh tester.
        "RM", "OUTPUT_OPTION", "NULLCMD", "GOCACHEPROG", "SSH_PKCS11_HELPER", "LDSHARED",
        "COREPACK_HOME", "BUNDLER_EDITOR", "PGPORT", "EMACS_SOCKET_NAME",
        // Found by a ninth fresh tester.
        "MAKE", "CPATH", "LIBRARY_PATH", "FCEDIT", "CUSTOMBEFOREMICROSOFTCSHARPTARGETS",
        "GOOGLE_APPLICATION_CREDENTIALS",
        // Found by a sixteenth fresh tester (TAR_OPTIONS ran a command through `exec tar`).
        "TAR_OPTIONS", "CCACHE_PREFIX", "SASL_PATH", "VK_LAYER_PATH", "VK_ICD_FILENAMES",
        "LIBVA_DRIVERS_PATH", "VDPAU_DRIVER_PATH", "TCLLIBPATH", "GUILE_LOAD_PATH", "MONO_PATH",
        "MONO_ENV_OPTIONS", "SBT_OPTS", "QEMU_LD_PREFIX", "SCREENRC", "MAILCAP", "TEXMFCNF",
        "ELECTRON_RUN_AS_NODE", "DISTCC_HOSTS", "TMP", "TEMP", "GZIP", "AWKLIBPATH",
        // Found by a seventeenth fresh tester.
        "ZIPOPT", "ASAN_OPTIONS", "UBSAN_OPTIONS", "CAML_LD_LIBRARY_PATH", "PROOT_LOADER",
        "SWIFT_EXEC", "CONTAINER_HOST", "CONTAINERS_CONF", "COMPOSER_HOME",
        "TERRAFORM_CLI_CONFIG_FILE", "MALLOC_CONF",
        // Found by an eighteenth fresh tester.
        "GROOVY_HOME", "SCALA_HOME", "KOTLIN_HOME", "PYENV_ROOT", "RBENV_ROOT", "GOENV_ROOT",
        "JENV_ROOT", "PLENV_ROOT", "VOLTA_HOME", "NVM_DIR", "SDKMAN_DIR", "ASDF_DIR",
        "FZF_DEFAULT_COMMAND", "STARSHIP_CONFIG", "DIRENV_CONFIG", "DEVELOPER_DIR", "SDKROOT",
        "DENO_DIR", "ZIG_GLOBAL_CACHE_DIR", "OPAMROOT", "STACK_ROOT", "CABAL_DIR", "GH_HOST",
        "GLAB_HOST", "REGISTRY_AUTH_FILE",
        // Found by a nineteenth fresh tester.
        "RIPGREP_CONFIG_PATH", "ZEEBE_ADDRESS", "ZEEBE_AUTHORIZATION_SERVER_URL",
        "CAMUNDA_OAUTH_URL", "GITLAB_HOST", "MISE_DATA_DIR", "NODENV_ROOT", "IDENTITY_ENDPOINT",
        "GCE_METADATA_HOST", "OPENAI_BASE_URL", "OTEL_EXPORTER_OTLP_ENDPOINT", "JVM_OPTS",
        "CATALINA_OPTS", "PYTEST_ADDOPTS", "CMAKE_TOOLCHAIN_FILE", "PUPPETEER_EXECUTABLE_PATH",
        "RESTIC_PASSWORD_COMMAND", "BORG_RSH", "ODBCINI", "GI_TYPELIB_PATH",
        // Found by a thirteenth fresh tester.
        "GTK_MODULES", "QT_PLUGIN_PATH", "GST_PLUGIN_PATH", "LIBGL_DRIVERS_PATH",
        "GDK_PIXBUF_MODULE_FILE", "HGRCPATH", "SVN_EDITOR", "TF_CLI_CONFIG_FILE",
        "TF_PLUGIN_CACHE_DIR", "HELM_PLUGINS", "UV_INDEX_URL", "NIX_PATH", "VIRTUAL_ENV",
        "BOTO_CONFIG", "MYSQL_HOME",
        // Found by a fourteenth fresh tester.
        "TERRAFORM_CONFIG", "GIO_MODULE_DIR", "GIO_EXTRA_MODULES", "JULIA_DEPOT_PATH",
        "VAULT_ADDR", "CONSUL_HTTP_ADDR", "NOMAD_ADDR", "PIPENV_PIPFILE", "CMAKE_PREFIX_PATH",
        "AZURE_CONFIG_DIR",
        // Found by a thirty-eighth fresh tester.
        "TMUX_TMPDIR", "CONFIG_SITE", "AUTOCONF", "M4", "ACLOCAL_PATH", "BZR_PLUGIN_PATH",
        "SPARK_HOME", "PLAYWRIGHT_BROWSERS_PATH", "FIREFOX_BIN", "BYOBU_CONFIG_DIR", "PARALLEL",
        "WINEDLLOVERRIDES", "GPG_AGENT_INFO",
    ])
    func refusesNamesProgramsReadFromTheirEnvironment(_ text: String) {
        #expect(SecretName.problem(with: Array(text.utf8)) == .environment)
        #expect(throws: NameError.self) { try SecretName(text) }
        #expect(!PlaceholderScanner.scan(Array("{{secret:\(text)}}".utf8)).nearMisses.isEmpty)
    }

    /// Only the names themselves and their families: names that merely begin alike stay.
    @Test(arguments: [
        "PATH_TOKEN", "LDAP_PASSWORD", "TRESOR", "GITHUB_TOKEN", "HOMEPAGE_KEY", "ENVOY_TOKEN",
        "LDAP_URL", "PAGERDUTY_KEY", "GOOGLE_API_KEY", "CCTV_TOKEN", "PGPASSWORD",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "DOCKER_PASSWORD",
        "LESSON_TOKEN", "FTP_PASSWORD", "TF_VAR_DB_PASSWORD", "MYSQL_PASSWORD", "QTY_TOKEN",
        "UVA_KEY", "HELMET_TOKEN", "VAULT_TOKEN", "CONSUL_HTTP_TOKEN", "NOMAD_TOKEN",
        "GH_TOKEN", "DENO_DEPLOY_TOKEN", "NVME_KEY", "ZEEBE_CLIENT_SECRET", "ZEEBE_CLIENT_ID",
        "CAMUNDA_CLIENT_SECRET", "OPENAI_API_KEY", "OTEL_EXPORTER_OTLP_HEADERS", "MISER_TOKEN",
    ])
    func acceptsNamesThatOnlyBeginLikeOne(_ text: String) throws {
        #expect(try SecretName(text).text == text)
    }

    @Test func warnsAboutVagueAndLongNames() throws {
        #expect(try SecretName("SECRET_1").warnings.count == 1)
        #expect(try SecretName("PASSWORD2").warnings.count == 1)
        #expect(try SecretName("FTP_PASSWORD").warnings.isEmpty)
        #expect(try SecretName("SHIPMENT_TRACKING_API_KEY").warnings.count == 1)
    }

    @Test func errorMessageEscapesControlCharacters() {
        do {
            _ = try SecretName("A\u{1}B")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("\\x01"))
        }
    }
}
