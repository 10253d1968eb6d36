import Foundation

@testable import TresorKit

/// Process files for the memory scans: one placeholder in every context a render writes a
/// value into (XML text, CDATA, a JSON payload, map entries, list values, attributes, a
/// FEEL string) and a JSON task input.
enum PlaintextFixtures {
    static let bpmnPlaceholders = 7
    /// Task inputs a deploy writes: text, payload, access, hosts, zeebe plain and feel,
    /// and the JSON file's `a`.
    static let taskInputs = 7

    static let bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
        xmlns:camunda="http://camunda.org/schema/1.0/bpmn" \
        xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:serviceTask id="c7">
              <bpmn:extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="text">a &amp; {{secret:CANARY_VALUE}} b</camunda:inputParameter>
                  <camunda:inputParameter name="payload"><![CDATA[{"v": "{{secret:CANARY_VALUE}}"}]]></camunda:inputParameter>
                  <camunda:inputParameter name="access">
                    <camunda:map>
                      <camunda:entry key="user">{{secret:CANARY_VALUE}}</camunda:entry>
                      <camunda:entry key="password">{{secret:CANARY_VALUE}}</camunda:entry>
                    </camunda:map>
                  </camunda:inputParameter>
                  <camunda:inputParameter name="hosts">
                    <camunda:list>
                      <camunda:value>a.example</camunda:value>
                      <camunda:value>{{secret:CANARY_VALUE}}</camunda:value>
                    </camunda:list>
                  </camunda:inputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:serviceTask id="c8">
              <bpmn:extensionElements>
                <zeebe:ioMapping>
                  <zeebe:input source="{{secret:CANARY_VALUE}}" target="plain" />
                  <zeebe:input source='="{{secret:CANARY_VALUE}}"' target="feel" />
                </zeebe:ioMapping>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
          </bpmn:process>
        </bpmn:definitions>
        """

    static let json = #"{"a": {"b": ["{{secret:CANARY_VALUE}}", 1]}, "c": 2}"#
}

/// A vault holding the canary as `CANARY_VALUE`, and a process folder that uses it in
/// every context a render writes.
struct PlaintextSetup {
    let temporary: TemporaryVault
    let root: String
    let processes: String

    init(_ canary: MemoryCanary) throws {
        temporary = try TemporaryVault()
        root = temporary.root
        processes = root + "/processes"
        _ = try temporary.vault.create(
            try SecretName(PlaintextMemoryTests.name), displayName: "C", type: .token,
            value: canary.value(), environment: temporary.environment)
        try FileManager.default.createDirectory(
            atPath: processes + "/p", withIntermediateDirectories: true)
        try PlaintextFixtures.bpmn.write(
            toFile: processes + "/p.bpmn", atomically: false, encoding: .utf8)
        try PlaintextFixtures.json.write(
            toFile: processes + "/p/Json.json", atomically: false, encoding: .utf8)
    }

    func resolver() throws -> ValueResolver {
        ValueResolver(vault: temporary.vault, key: try temporary.key())
    }
}
