/// The XML vocabularies the BPMN reader knows, identified by namespace URI (never by prefix,
/// which each file chooses freely).
enum BPMNVocabulary: Sendable, Hashable {
    /// BPMN 2.0 model elements.
    case bpmn
    /// Camunda 7 extensions.
    case camunda
    /// Camunda 8 (Zeebe) extensions.
    case zeebe
    /// Flowable and Activiti extensions, which share their element names.
    case flowable
    /// Anything else (diagram interchange, foreign extensions): walked, never supported.
    case other

    static let bpmnURI = "http://www.omg.org/spec/BPMN/20100524/MODEL"
    static let camundaURI = "http://camunda.org/schema/1.0/bpmn"
    static let zeebeURI = "http://camunda.org/schema/zeebe/1.0"
    static let flowableURI = "http://flowable.org/bpmn"
    static let activitiURI = "http://activiti.org/bpmn"

    init(uri: String?) {
        switch uri {
        case Self.bpmnURI: self = .bpmn
        case Self.camundaURI: self = .camunda
        case Self.zeebeURI: self = .zeebe
        case Self.flowableURI, Self.activitiURI: self = .flowable
        default: self = .other
        }
    }

    /// Tasks whose inputs may hold placeholders.
    static let supportedTasks: Set<String> = [
        "serviceTask", "scriptTask", "sendTask", "businessRuleTask",
    ]

    /// BPMN elements that get a task identity: activities, events, gateways.
    static let flowElements: Set<String> = [
        "task", "serviceTask", "scriptTask", "sendTask", "businessRuleTask", "userTask",
        "manualTask", "receiveTask", "callActivity", "subProcess", "transaction",
        "adHocSubProcess", "startEvent", "endEvent", "intermediateCatchEvent",
        "intermediateThrowEvent", "boundaryEvent", "exclusiveGateway", "inclusiveGateway",
        "parallelGateway", "complexGateway", "eventBasedGateway", "sequenceFlow",
    ]

    /// BPMN elements that define messages, signals and events.
    static let definitions: Set<String> = [
        "message", "signal", "error", "escalation", "messageEventDefinition",
        "signalEventDefinition", "errorEventDefinition", "escalationEventDefinition",
        "timerEventDefinition", "conditionalEventDefinition", "compensateEventDefinition",
        "linkEventDefinition", "terminateEventDefinition", "cancelEventDefinition",
    ]
}
