import CSodium
import CXML2
import CYAML

/// The versions of the C libraries Tresor runs on, for `tresor doctor` and bug reports.
///
/// The release binary links them statically, so these are the versions built in, not
/// whatever the host has installed.
public enum LibraryVersions {
    /// libsodium's version, and whether it initialised (it needs a random source).
    public static var sodium: (version: String, ready: Bool) {
        (String(cString: sodium_version_string()), sodium_init() >= 0)
    }

    /// libyaml's version.
    public static var yaml: String { String(cString: yaml_get_version_string()) }

    /// libxml2's version, as its headers give it (the library is checked against them).
    public static var xml2: String { LIBXML_DOTTED_VERSION }
}
