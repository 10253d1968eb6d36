import Testing

@testable import TresorKit

/// `MarkConverter` turns libyaml's character indices into Tresor's lines and byte columns,
/// whether the text is ASCII (read straight as byte offsets) or not (walked character by
/// character), with or without a byte order mark.
@Suite struct YAMLMarkTests {
    /// The byte offset of each character of `text` after a BOM, as a slow reference.
    private func characterOffsets(_ bytes: [UInt8], start: Int) -> [Int] {
        var offsets: [Int] = []
        var offset = start
        for scalar in String(decoding: bytes[start...], as: UTF8.self).unicodeScalars {
            offsets.append(offset)
            offset += String(scalar).utf8.count
        }
        return offsets + [offset]
    }

    @Test(arguments: ["name: FTP\ntype: password\n", "a: é\nb: 日本語 😀\n", "x\r\ny: z"])
    func everyCharacterIndexMarksItsByte(text: String) {
        for bom in [false, true] {
            let bytes = (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
            var converter = MarkConverter(bytes)
            let offsets = characterOffsets(bytes, start: bom ? 3 : 0)
            // In order, then out of order (a walk starts again from the front).
            for index in Array(offsets.indices) + offsets.indices.reversed() {
                #expect(
                    converter.mark(characterIndex: index)
                        == converter.mark(byteOffset: offsets[index]), "\(text) \(bom) \(index)")
            }
        }
    }
}
