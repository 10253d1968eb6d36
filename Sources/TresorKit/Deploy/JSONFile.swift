import Foundation

/// Reading and writing the small JSON files of the deploy step (the manifest, the usage
/// index): sorted keys and no `\/`, so they diff well; a size limit on reading.
enum JSONFile {
    /// The JSON text of `value` and a final newline.
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding structs of strings, numbers and dictionaries cannot fail.
        return Array((try? encoder.encode(value)) ?? Data()) + [0x0A]
    }

    /// The value in the file at `path`, or nil when the file is not such a value.
    static func decode<Value: Decodable>(
        _ type: Value.Type, at path: String
    ) throws(DeployError) -> Value? {
        let bytes: [UInt8]
        do { bytes = try FileReader.read(path, limit: 64 << 20) } catch {
            // No file tresor wrote is that large: it is not what it should be (nil, as for
            // a file that does not decode), not a failure to read.
            if case .tooLarge = error { return nil }
            throw .io(error)
        }
        return try? JSONDecoder().decode(type, from: Data(bytes))
    }
}
