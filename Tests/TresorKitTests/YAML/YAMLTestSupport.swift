import Foundation

@testable import TresorKit

/// Helpers shared by the YAML tests.
enum YAMLTestSupport {
    /// A value planted next to each error; no message may contain it.
    static let canary = "CANARY-VALUE-4242"

    static func parse(_ text: String) throws(YAMLError) -> YAMLNode {
        try YAMLReader.parse(Array(text.utf8))
    }

    /// The error `bytes` are refused with, or nil when they parse.
    static func rejection(_ bytes: [UInt8], limit: Int = 1 << 20) -> YAMLError? {
        do {
            _ = try YAMLReader.parse(bytes, maximumBytes: limit)
            return nil
        } catch {
            return error
        }
    }

    static func rejection(_ text: String) -> YAMLError? { rejection(Array(text.utf8)) }

    /// A one-entry document `value: <text>`, written and read back.
    static func roundTrip(_ text: String) throws -> YAMLScalar? {
        let bytes = try YAMLWriter.document([.init(key: "value", value: .string(text))])
        return try YAMLReader.parse(bytes).mapping?["value"]?.scalar
    }
}

/// Runs PyYAML's `safe_load` on a document, when `python3` can import it.
enum PyYAML {
    static let isAvailable: Bool = (try? run(["-c", "import yaml"], input: [])) != nil

    /// The document loaded by `yaml.safe_load`, as a string-to-string dictionary; nil when
    /// a value is not a string (PyYAML resolved it to something else).
    static func load(_ document: [UInt8]) throws -> [String: String]? {
        let script = """
            import sys, yaml, json
            data = yaml.safe_load(sys.stdin.buffer.read().decode('utf-8'))
            ok = all(isinstance(k, str) and isinstance(v, str) for k, v in data.items())
            sys.stdout.write(json.dumps(data if ok else None))
            """
        let output = try run(["-c", script], input: document)
        return try JSONDecoder().decode([String: String]?.self, from: output)
    }

    private static func run(_ arguments: [String], input: [UInt8]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
        return output
    }
}
