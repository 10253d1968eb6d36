/// Where the walker is, as far as placeholders care: what the text of the current element
/// and the attributes of its children are for.
enum BPMNPlace: Sendable, Hashable {
    /// Somewhere placeholders are not resolved; where, for the message.
    case unsupported(UnsupportedPlace)
    /// Inside `bpmn:documentation`.
    case documentation
    /// Inside a supported task, outside its extension elements.
    case task
    /// Inside the extension elements of a supported task, not in an input.
    case extensions
    /// Directly inside `bpmn:extensionElements` of a supported task (where fields live).
    case extensionElements
    /// A Camunda 7 `camunda:connector` directly inside the extension elements: its own
    /// `camunda:inputOutput` holds inputs too.
    case camundaConnector
    /// A `camunda:inputOutput` where the engine reads it: directly inside the extension
    /// elements or a connector there. Its `camunda:inputParameter` children are inputs;
    /// one anywhere else is a dead spot no engine reads (found by a fresh tester).
    case camundaInputs
    /// Text content is the value of a task input.
    case input(parameter: String, fieldPath: String)
    /// A Camunda 7 `camunda:map`: children are entries.
    case inputMap(parameter: String, fieldPath: String)
    /// A Camunda 7 `camunda:list`: children are values, counted.
    case inputList(parameter: String, fieldPath: String)
    /// A script inside an input parameter: code, never a place for a placeholder.
    case script(parameter: String)
    /// A Flowable/Activiti/Camunda `field`: children `string` and `expression` hold values.
    case field(name: String)
    /// `zeebe:ioMapping`: children `zeebe:input` carry values in `source`.
    case zeebeInputs
    /// `zeebe:taskHeaders`: children `zeebe:header` carry values in `value`.
    case zeebeHeaders
}

/// Where an unsupported place is, kept as an element name and a flow element index until a
/// message needs the words (``BPMNWalker/words(_:)``): most unsupported places, such as
/// every event and sequence flow, never hold a placeholder.
enum UnsupportedPlace: Sendable, Hashable {
    /// Fixed words: "the root element", "a condition expression".
    case words(String)
    /// A process's own elements, outside any flow element (a lane, a data object);
    /// `process` indexes `BPMNWalker.processes`.
    case process(Int)
    /// A message, signal or event definition.
    case definition(BPMNElement)
    /// A user task (`task` indexes `BPMNWalker.tasks`) or its form fields.
    case userTask(task: Int?)
    /// A flow element that is not a supported task.
    case flowElement(task: Int?)
    /// A supported task outside any `bpmn:process`: no engine runs it.
    case taskOutsideProcess(task: Int?)
    /// A supported task inside a process but not right inside it or a subprocess (in a
    /// sequence flow, a lane, another task, documentation, a foreign element): no engine
    /// runs it (found by a fresh tester). `container` names the element around it.
    case nestedTask(task: Int?, container: XMLName)
    /// An element of a supported task that is not a task input, by its name.
    case element(XMLName, task: Int?)
    /// A Camunda 7 output parameter.
    case outputParameter(XMLName, task: Int?)
}

/// How the engine reads a task input's text.
enum InputReading: Sendable, Hashable {
    /// Camunda 7 and Flowable: `${...}` and `#{...}` in it are evaluated.
    case expressionLanguage
    /// A Zeebe input's `source`: a FEEL expression when its first character is `=`
    /// (Zeebe matches `=(.+)` against the whole text, blanks before it included).
    case feelWhenMarked
    /// A Zeebe header's `value`: static text, never evaluated.
    case staticText

    var isZeebe: Bool { self != .expressionLanguage }
}

/// What a piece of text the walker found is, once its element and attribute are known.
enum BPMNSitePlace: Sendable, Hashable {
    /// A task input: placeholders become references.
    case input(parameter: String, fieldPath: String, reading: InputReading)
    /// Documentation: placeholders become notes.
    case documentation
    /// Anywhere else: placeholders are errors; the text says where.
    case unsupported(String)
    /// An input parameter's script.
    case script(parameter: String)
    /// A Zeebe attribute value that cannot hold a placeholder, visited only for the legacy
    /// `secrets.NAME` form; its place is never needed, so it is not worked out.
    case legacyOnly
}

/// One open element while walking a BPMN document. Plain values only (the process, task and
/// place are indices into the walker's lists), so pushing and copying frames costs no
/// reference counting.
struct BPMNFrame: Sendable {
    var vocabulary: BPMNVocabulary
    /// The element's local name when the reader knows it (in a known vocabulary).
    var element: BPMNElement
    /// The element's name as written, for messages.
    var name: XMLName
    /// The process around this element: an index into `BPMNWalker.processes`.
    var process: Int?
    /// The innermost flow element (task, event, gateway) around this element: an index
    /// into `BPMNWalker.tasks`.
    var task: Int?
    /// An index into `BPMNWalker.places`.
    var place: Int
    /// Children seen so far, for `camunda:list` indices.
    var childCount = 0
    /// True for a process, and a subprocess right inside one that is true: the elements
    /// whose children an engine runs.
    var runsFlowElements = false
    /// For a field: how many ways it gives its value (the `stringValue` and `expression`
    /// attributes, `string` and `expression` children).
    var valueForms = 0

    /// True for a `camunda:value` of a list: its text is its value, and the engine reads
    /// no element inside it.
    var isListValue: Bool { vocabulary == .camunda && element == .value }
    /// The name of the element that starts the task input around this element (an input
    /// parameter, a field, a Zeebe input or header): its span tells one input from another.
    var input: XMLName?
}
