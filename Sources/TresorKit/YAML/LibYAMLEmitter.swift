import CYAML

/// The one place that drives libyaml's emitter.
///
/// C contracts: the emitter struct is allocated for a stable address and deleted by
/// `defer`; libyaml copies every string it is given and owns each event once
/// `yaml_emitter_emit` is called, even when that call fails. Output arrives through a
/// write handler that appends to a Swift buffer passed as an unretained pointer, which
/// `withExtendedLifetime` keeps alive until the emitter is gone.
enum LibYAMLEmitter {
    /// Collects what the emitter writes.
    private final class Output {
        var bytes: [UInt8] = []
    }

    /// `entries` as a block mapping in one implicit document.
    static func emit(_ entries: [YAMLWriter.Entry]) throws(YAMLError) -> [UInt8] {
        let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        defer { emitter.deallocate() }
        guard yaml_emitter_initialize(emitter) == 1 else {
            throw .emitter(problem: "cannot initialize the emitter")
        }
        defer { yaml_emitter_delete(emitter) }

        let output = Output()
        try withExtendedLifetime(output) { () throws(YAMLError) in
            configure(emitter, output: output)
            try emitDocument(entries, to: emitter)
        }
        return output.bytes
    }

    private static func configure(
        _ emitter: UnsafeMutablePointer<yaml_emitter_t>, output: Output
    ) {
        let context = Unmanaged.passUnretained(output).toOpaque()
        yaml_emitter_set_output(emitter, { LibYAMLEmitter.write($0, $1, $2) }, context)
        yaml_emitter_set_encoding(emitter, YAML_UTF8_ENCODING)
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_width(emitter, -1)
        yaml_emitter_set_indent(emitter, 2)
        yaml_emitter_set_break(emitter, YAML_LN_BREAK)
    }

    /// libyaml's write handler: appends `size` bytes to the `Output` that `data` points to.
    private static func write(
        _ data: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<UInt8>?, _ size: Int
    ) -> Int32 {
        guard let data, let buffer else { return size == 0 ? 1 : 0 }
        let output = Unmanaged<Output>.fromOpaque(data).takeUnretainedValue()
        output.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
        return 1
    }

    private static func emitDocument(
        _ entries: [YAMLWriter.Entry], to emitter: UnsafeMutablePointer<yaml_emitter_t>
    ) throws(YAMLError) {
        try emit(emitter) { yaml_stream_start_event_initialize(&$0, YAML_UTF8_ENCODING) }
        try emit(emitter) { yaml_document_start_event_initialize(&$0, nil, nil, nil, 1) }
        try emitMapping(entries, to: emitter)
        try emit(emitter) { yaml_document_end_event_initialize(&$0, 1) }
        try emit(emitter) { yaml_stream_end_event_initialize(&$0) }
    }

    private static func emitMapping(
        _ entries: [YAMLWriter.Entry], to emitter: UnsafeMutablePointer<yaml_emitter_t>
    ) throws(YAMLError) {
        try emit(emitter) {
            yaml_mapping_start_event_initialize(&$0, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE)
        }
        for entry in entries {
            try emitScalar(entry.key, to: emitter)
            switch entry.value {
            case .string(let text): try emitScalar(text, to: emitter)
            case .integer(let number): try emitScalar(String(number), plain: true, to: emitter)
            case .mapping(let nested): try emitMapping(nested, to: emitter)
            case .strings(let items): try emitSequence(items, to: emitter)
            }
        }
        try emit(emitter) { yaml_mapping_end_event_initialize(&$0) }
    }

    private static func emitSequence(
        _ items: [String], to emitter: UnsafeMutablePointer<yaml_emitter_t>
    ) throws(YAMLError) {
        try emit(emitter) {
            yaml_sequence_start_event_initialize(&$0, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE)
        }
        for item in items { try emitScalar(item, to: emitter) }
        try emit(emitter) { yaml_sequence_end_event_initialize(&$0) }
    }

    /// One scalar, styled by ``YAMLWriter/scalarStyle(for:)`` unless forced `plain`.
    private static func emitScalar(
        _ text: String, plain: Bool = false, to emitter: UnsafeMutablePointer<yaml_emitter_t>
    ) throws(YAMLError) {
        // Limitation: libyaml escapes characters outside the BMP (emoji) as \UXXXXXXXX even
        // in unicode mode; they read back exactly but are not legible in the file.
        // Limitation: keys longer than 128 bytes are written as explicit `? key` entries
        // (libyaml's simple-key limit); correct YAML, but unusual to read.
        let isPlain = plain || YAMLWriter.scalarStyle(for: text) == .plain
        let style = isPlain ? YAML_PLAIN_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE
        // libyaml asserts a non-NULL value even for length 0: the trailing NUL keeps the
        // buffer non-empty; `length` excludes it.
        let bytes = Array(text.utf8) + [0]
        guard let length = Int32(exactly: bytes.count - 1) else {
            throw .emitter(problem: "scalar too long")
        }
        try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLError) in
            try emit(emitter) {
                yaml_scalar_event_initialize(
                    &$0, nil, nil, buffer.baseAddress, length, 1, 1, style)
            }
        }
    }

    /// Builds one event with `initialize` and emits it; libyaml then owns the event.
    private static func emit(
        _ emitter: UnsafeMutablePointer<yaml_emitter_t>,
        _ initialize: (inout yaml_event_t) -> Int32
    ) throws(YAMLError) {
        var event = yaml_event_t()
        guard initialize(&event) == 1 else { throw .emitter(problem: "cannot create an event") }
        guard yaml_emitter_emit(emitter, &event) == 1 else {
            let problem = emitter.pointee.problem.map { String(cString: $0) }
            throw .emitter(problem: problem ?? "unknown error")
        }
    }
}
