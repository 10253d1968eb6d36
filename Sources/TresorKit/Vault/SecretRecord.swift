/// One secret file, `vault/NAME.yaml`: the name, display name, type, sealed value and the
/// audit stamps, in this fixed order.
///
/// The value is an envelope (``SealedValue``); reading and writing a record never opens
/// it, so a metadata change leaves the `value` line byte for byte as it was.
public struct SecretRecord: Sendable {
    public var name: SecretName
    public var displayName: String
    public var type: SecretType
    public var value: SealedValue
    public var created: AuditStamp
    public var updated: AuditStamp

    public init(
        name: SecretName, displayName: String, type: SecretType, value: SealedValue,
        created: AuditStamp, updated: AuditStamp
    ) {
        self.name = name
        self.displayName = displayName
        self.type = type
        self.value = value
        self.created = created
        self.updated = updated
    }

    static let fields = ["name", "display_name", "type", "value", "created", "updated"]
    static let stampFields = ["at", "by"]

    static let header = """
        # Tresor secret. Change display_name and type here or with `tresor edit NAME`.
        # The value is sealed: change it only with `tresor edit NAME --new-value`, never
        # by hand, and never write a plain value into this file.
        """

    /// The file's bytes, in the fixed field order, with its header comment.
    public func yaml() throws(YAMLError) -> [UInt8] {
        let entries: [YAMLWriter.Entry] = [
            .init(key: "name", value: .string(name.text)),
            .init(key: "display_name", value: .string(displayName)),
            .init(key: "type", value: .string(type.rawValue)),
            .init(key: "value", value: .string(value.text)),
            .init(key: "created", value: Self.stamp(created)),
            .init(key: "updated", value: Self.stamp(updated)),
        ]
        return try YAMLWriter.document(entries, header: Self.header)
    }

    private static func stamp(_ stamp: AuditStamp) -> YAMLValue {
        .mapping([
            .init(key: "at", value: .string(stamp.at)), .init(key: "by", value: .string(stamp.by)),
        ])
    }
}
