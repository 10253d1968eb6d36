import FuzzSupport
import TresorKit

/// The vault-file reader on any bytes: it never crashes, and whatever it accepts it writes
/// back in a form it reads as the same record (secret files) or settings (`vault.yaml`).
enum VaultFileInvariants {
    static func check(_ input: UnsafeRawBufferPointer) {
        let bytes = Array(input)
        if let record = try? SecretRecord(
            yaml: bytes, path: "FUZZ_TOKEN.yaml", fileName: "FUZZ_TOKEN")
        {
            let again = try? record.yaml()
            FuzzDriver.require(again != nil, "an accepted record cannot be written")
            let reread = try? SecretRecord(
                yaml: again ?? [], path: "FUZZ_TOKEN.yaml", fileName: "FUZZ_TOKEN")
            FuzzDriver.require(reread.map { same($0, record) } == true, "record round trip")
        }
        if let config = try? VaultConfig(yaml: bytes, path: "vault.yaml") {
            let again = try? config.yaml()
            let reread = again.flatMap { try? VaultConfig(yaml: $0, path: "vault.yaml") }
            FuzzDriver.require(reread == config, "settings round trip")
        }
    }

    private static func same(_ lhs: SecretRecord, _ rhs: SecretRecord) -> Bool {
        lhs.name == rhs.name && lhs.displayName == rhs.displayName && lhs.type == rhs.type
            && lhs.value == rhs.value && lhs.created == rhs.created && lhs.updated == rhs.updated
    }
}
