import Testing

@testable import TresorKit

/// Models in any encoding reach the credential rules, and one they cannot read is an error
/// (found by the thirty-sixth and thirty-seventh fresh testers: each passed unread).
@Suite struct ModelTextTests {
    static let model = """
        <?xml version="1.0" encoding="ENCODING"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:serviceTask id="t" name="\u{DC}bertragung"><bpmn:extensionElements>
              <camunda:inputOutput>
                <camunda:inputParameter name="password">fake-plain-enc</camunda:inputParameter>
              </camunda:inputOutput>
            </bpmn:extensionElements></bpmn:serviceTask>
          </bpmn:process>
        </bpmn:definitions>
        """

    private func rules(_ bytes: [UInt8]) -> [String] {
        CredentialScanner.scanBPMN(anyEncoding: bytes, path: "m.bpmn").map {
            $0.finding.rule.rawValue + ($0.field.map { " " + $0 } ?? "")
        }
    }

    @Test(arguments: ["UTF-8", "ISO-8859-1", "UTF-16", "UTF-32", "windows-1252"])
    func everyEncodingIsRead(_ declared: String) {
        let text = Self.model.replacingOccurrences(of: "ENCODING", with: declared)
        let bytes: [UInt8]
        switch declared {
        case "UTF-16":
            bytes = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case "UTF-32":
            bytes = text.unicodeScalars.flatMap { scalar in
                (0..<4).map { UInt8(truncatingIfNeeded: scalar.value >> (8 * (3 - $0))) }
            }
        case "UTF-8": bytes = Array(text.utf8)
        default: bytes = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        }
        #expect(rules(bytes) == ["plaintext-credential password"], "\(declared)")
    }

    @Test func aModelTheRulesCannotReadIsAnError() {
        let doctype = Self.model.replacingOccurrences(of: "ENCODING", with: "UTF-8")
            .replacingOccurrences(of: "<bpmn:definitions", with: "<!DOCTYPE x>\n<bpmn:definitions")
        let found = CredentialScanner.scanBPMN(anyEncoding: Array(doctype.utf8), path: "m.bpmn")
        #expect(found.count == 1)
        #expect(found.first?.finding.message.contains("cannot read it") == true)
        let large = [UInt8](repeating: 0x20, count: ProcessFolder.maximumFileSize + 1)
        let big = CredentialScanner.scanBPMN(anyEncoding: large, path: "m.bpmn")
        #expect(big.first?.finding.message.contains("larger than 64 MiB") == true)
    }
}
