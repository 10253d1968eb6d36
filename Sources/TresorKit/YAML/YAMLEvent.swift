import CYAML

/// One libyaml parser event, copied into Swift values so the tree builder never touches C
/// memory. Only what the builder checks is kept: anchor and tag become flags, never text.
struct YAMLEvent {
    /// What kind of node or boundary the event is.
    enum Kind {
        case streamStart, streamEnd, documentStart, documentEnd, alias
        case scalar(String, YAMLScalar.Style)
        case sequenceStart, sequenceEnd, mappingStart, mappingEnd
    }

    let kind: Kind
    let hasAnchor: Bool
    let hasTag: Bool
    let mark: YAMLMark

    /// Copies `event`; `mark` is its start, already converted.
    init(_ event: yaml_event_t, mark: YAMLMark) {
        let (kind, anchor, tag) = YAMLEvent.read(event)
        self.kind = kind
        hasAnchor = anchor != nil
        hasTag = tag != nil
        self.mark = mark
    }

    private static func read(_ event: yaml_event_t)
        -> (Kind, UnsafeMutablePointer<yaml_char_t>?, UnsafeMutablePointer<yaml_char_t>?)
    {
        let data = event.data
        switch event.type {
        case YAML_STREAM_START_EVENT: return (.streamStart, nil, nil)
        case YAML_DOCUMENT_START_EVENT: return (.documentStart, nil, nil)
        case YAML_DOCUMENT_END_EVENT: return (.documentEnd, nil, nil)
        case YAML_ALIAS_EVENT: return (.alias, nil, nil)
        case YAML_SCALAR_EVENT:
            // `value` holds `length` bytes and is not NUL-terminated.
            let text = UnsafeBufferPointer(start: data.scalar.value, count: data.scalar.length)
            let kind = Kind.scalar(
                String(decoding: text, as: UTF8.self), style(data.scalar.style))
            return (kind, data.scalar.anchor, data.scalar.tag)
        case YAML_SEQUENCE_START_EVENT:
            return (.sequenceStart, data.sequence_start.anchor, data.sequence_start.tag)
        case YAML_SEQUENCE_END_EVENT: return (.sequenceEnd, nil, nil)
        case YAML_MAPPING_START_EVENT:
            return (.mappingStart, data.mapping_start.anchor, data.mapping_start.tag)
        case YAML_MAPPING_END_EVENT: return (.mappingEnd, nil, nil)
        default: return (.streamEnd, nil, nil)
        }
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
