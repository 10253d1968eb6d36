#if canImport(Glibc)
    import Glibc
#endif

/// The XML vocabularies the BPMN reader knows, identified by namespace URI (never by prefix,
/// which each file chooses freely).
enum BPMNVocabulary: Sendable, Hashable {
    /// BPMN 2.0 model elements.
    case bpmn
    /// Camunda 7 extensions, in its own namespace or in Activiti's, which Camunda 7 still
    /// reads (Camunda Modeler 2 wrote it; found by a fresh tester). Activiti's own engine
    /// knows only fields there, which read the same in either vocabulary.
    case camunda
    /// Camunda 8 (Zeebe) extensions.
    case zeebe
    /// Flowable extensions (fields, as Activiti writes them).
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
        case Self.camundaURI, Self.activitiURI: self = .camunda
        case Self.zeebeURI: self = .zeebe
        case Self.flowableURI: self = .flowable
        default: self = .other
        }
    }
}

/// The local names the reader acts on, in any of the known vocabularies; every other name
/// is `.other`. The raw value is the name as written.
enum BPMNElement: String, Sendable, Hashable, CaseIterable {
    // BPMN: the process and what decides a place.
    case definitions, process, documentation, conditionExpression, extensionElements
    // BPMN flow elements: activities, events, gateways, sequence flows.
    case task, serviceTask, scriptTask, sendTask, businessRuleTask, userTask, manualTask
    case receiveTask, callActivity, subProcess, transaction, adHocSubProcess
    case startEvent, endEvent, intermediateCatchEvent, intermediateThrowEvent, boundaryEvent
    case exclusiveGateway, inclusiveGateway, parallelGateway, complexGateway
    case eventBasedGateway, sequenceFlow
    // BPMN definitions of messages, signals and events.
    case message, signal, error, escalation, messageEventDefinition, signalEventDefinition
    case errorEventDefinition, escalationEventDefinition, timerEventDefinition
    case conditionalEventDefinition, compensateEventDefinition, linkEventDefinition
    case terminateEventDefinition, cancelEventDefinition
    // Camunda 7, Flowable and Activiti extensions.
    case inputOutput, inputParameter, outputParameter, map, entry, list, value, script, connector
    case field, string, expression
    // Zeebe extensions.
    case ioMapping, taskHeaders, input, header
    /// Any other name.
    case other

    /// The known names by length, as bytes, so a name is found by comparing bytes with the
    /// few of its length, without making a string or hashing.
    private static let byLength: [[(name: [UInt8], element: BPMNElement)]] = {
        var table = Array(repeating: [([UInt8], BPMNElement)](), count: 27)
        for element in allCases where element != .other {
            let name = Array(element.rawValue.utf8)
            table[name.count].append((name, element))
        }
        return table
    }()

    /// The element whose local name is at `span` of `file`; `.other` for unknown names.
    init(_ span: Range<Int>, in file: [UInt8]) {
        let table = Self.byLength
        guard span.count < table.count else {
            self = .other
            return
        }
        let candidates = table[span.count]
        self =
            file.withUnsafeBufferPointer { buffer in
                candidates.first { candidate in
                    candidate.name.withUnsafeBufferPointer {
                        memcmp(buffer.baseAddress! + span.lowerBound, $0.baseAddress!, span.count)
                            == 0
                    }
                }?.element
            } ?? .other
    }

    /// Elements whose children are the flow elements an engine runs: a process and the
    /// kinds of subprocess.
    var holdsFlowElements: Bool {
        switch self {
        case .process, .subProcess, .transaction, .adHocSubProcess: true
        default: false
        }
    }

    /// Tasks whose inputs may hold placeholders.
    var isSupportedTask: Bool {
        switch self {
        case .serviceTask, .scriptTask, .sendTask, .businessRuleTask: true
        default: false
        }
    }

    /// BPMN elements that get a task identity: activities, events, gateways, flows.
    var isFlowElement: Bool {
        switch self {
        case .task, .serviceTask, .scriptTask, .sendTask, .businessRuleTask, .userTask,
            .manualTask, .receiveTask, .callActivity, .subProcess, .transaction,
            .adHocSubProcess, .startEvent, .endEvent, .intermediateCatchEvent,
            .intermediateThrowEvent, .boundaryEvent, .exclusiveGateway, .inclusiveGateway,
            .parallelGateway, .complexGateway, .eventBasedGateway, .sequenceFlow:
            true
        default: false
        }
    }

    /// BPMN elements that define messages, signals and events.
    var isDefinition: Bool {
        switch self {
        case .message, .signal, .error, .escalation, .messageEventDefinition,
            .signalEventDefinition, .errorEventDefinition, .escalationEventDefinition,
            .timerEventDefinition, .conditionalEventDefinition, .compensateEventDefinition,
            .linkEventDefinition, .terminateEventDefinition, .cancelEventDefinition:
            true
        default: false
        }
    }
}
