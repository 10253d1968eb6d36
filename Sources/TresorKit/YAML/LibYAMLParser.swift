import CYAML

/// The one place that drives libyaml's event parser.
///
/// C contracts: the parser struct needs a stable address (it is allocated, not a local),
/// and libyaml reads the input buffer lazily, so the buffer stays pinned until the last
/// event. Every event is deleted right after it is read, and the parser once, by `defer`.
enum LibYAMLParser {
    /// Parses `bytes` (checked for size, NUL and UTF-8 by the caller) into one tree.
    static func parse(_ bytes: [UInt8], marks: inout MarkConverter) throws(YAMLError)
        -> YAMLNode
    {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw .syntax(problem: "out of memory", context: nil, YAMLMark(line: 1, column: 1))
        }
        defer { yaml_parser_delete(parser) }

        var builder = YAMLTreeBuilder()
        try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLError) in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            while !builder.isFinished {
                try next(parser, into: &builder, marks: &marks)
            }
        }
        return try builder.root()
    }

    /// Reads one event and hands it to `builder`.
    private static func next(
        _ parser: UnsafeMutablePointer<yaml_parser_t>, into builder: inout YAMLTreeBuilder,
        marks: inout MarkConverter
    ) throws(YAMLError) {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else {
            throw syntaxError(parser.pointee, marks: &marks)
        }
        defer { yaml_event_delete(&event) }
        let mark = marks.mark(characterIndex: Int(event.start_mark.index))
        try builder.handle(YAMLEvent(event, mark: mark))
    }

    /// libyaml's error as a ``YAMLError``. Its `problem` and `context` are static C
    /// strings; the offending value (`problem_value`) is never read.
    private static func syntaxError(_ parser: yaml_parser_t, marks: inout MarkConverter)
        -> YAMLError
    {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        let context = parser.context.map { String(cString: $0) }
        // Reader errors carry a byte offset; scanner and parser errors a character mark.
        let mark =
            parser.error == YAML_READER_ERROR
            ? marks.mark(byteOffset: parser.problem_offset)
            : marks.mark(characterIndex: Int(parser.problem_mark.index))
        return .syntax(problem: problem, context: context, mark)
    }
}
