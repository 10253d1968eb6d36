// swift-tools-version: 6.2
// Tresor: a file-based, GitOps-style secrets manager for BPMN process repositories.
import PackageDescription

let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "Tresor",
    products: [
        .library(name: "TresorKit", targets: ["TresorKit"]),
        .executable(name: "tresor", targets: ["tresor"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // libxml2, the parser under FoundationXML, called directly for its second opinion
        // on each BPMN file: without FoundationXML's strings and dictionaries per element.
        .systemLibrary(
            name: "CXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Opening files below the process folder without following any symbolic link.
        .target(name: "CTresorFiles"),
        // The build's version string, defined by `make release` (see .ci/version.sh).
        .target(name: "CTresorBuild"),
        .target(
            name: "TresorKit",
            dependencies: ["CSodium", "CYAML", "CXML2", "CTresorFiles"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "tresor",
            dependencies: ["TresorKit", "CTresorBuild"],
            swiftSettings: strict
        ),
        .target(name: "FuzzSupport", swiftSettings: strict),
        .executableTarget(
            name: "FuzzPlaceholderScanner",
            dependencies: ["TresorKit", "FuzzSupport"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "FuzzVaultFile", dependencies: ["TresorKit", "FuzzSupport"],
            swiftSettings: strict),
        .executableTarget(
            name: "FuzzProcessFile", dependencies: ["TresorKit", "FuzzSupport"],
            swiftSettings: strict),
        .executableTarget(
            name: "FuzzJSONEscaper", dependencies: ["TresorKit", "FuzzSupport"],
            swiftSettings: strict),
        .executableTarget(
            name: "FuzzEnvelope", dependencies: ["TresorKit", "FuzzSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "TresorKitTests",
            dependencies: ["TresorKit", "CTresorFiles"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TresorCLITests",
            dependencies: ["TresorKit"],
            swiftSettings: strict
        ),
    ]
)
