/// How each element changes the place: which process and flow element the walker is in, and
/// whether its text is a task input.
extension BPMNWalker {
    /// The frame for the element `tag` (in `vocabulary`) opens inside the current one;
    /// a process, flow element or place it starts is added to the walker's lists.
    mutating func child(_ tag: XMLResolvedTag, vocabulary: BPMNVocabulary) -> BPMNFrame {
        let element = vocabulary == .other ? .other : BPMNElement(tag.name.local, in: bytes)
        let parent = frames.last
        var frame = BPMNFrame(
            vocabulary: vocabulary, element: element, name: tag.tag.name,
            process: parent?.process, task: parent?.task, place: parent?.place ?? 0,
            input: parent?.input)
        // A process counts only right inside a root `bpmn:definitions` (engines read its
        // children alone; found by two fresh testers).
        frame.runsFlowElements =
            vocabulary == .bpmn && element.holdsFlowElements
            && (element == .process
                ? frames.count == 1 && parent?.vocabulary == .bpmn
                    && parent?.element == .definitions && isExecutable(tag)
                : parent?.runsFlowElements == true)
        if vocabulary == .bpmn, element == .process {
            frame.process = processes.count
            processes.append(
                ProcessIdentity(
                    id: attribute("id", of: tag) ?? "", name: attribute("name", of: tag)))
        }
        // A task outside any `bpmn:process` is listed too; its place says why its
        // placeholders are not resolved.
        if vocabulary == .bpmn, element.isFlowElement {
            frame.task = tasks.count
            tasks.append(
                TaskIdentity(
                    id: attribute("id", of: tag) ?? "", name: attribute("name", of: tag),
                    kind: element.rawValue))
        }
        switch place(
            of: tag, vocabulary, element, in: parent, task: frame.task, process: frame.process)
        {
        case .inherited: break
        case .new(let place):
            frame.place = places.count
            places.append(place)
            if case .field = place { frame.valueForms = valueAttributes(of: tag) }
            if let parent, startsInput(place, in: places[parent.place]) {
                frame.input = tag.tag.name
            }
        }
        return frame
    }

    /// False for a process whose `isExecutable` is not `true`: the engines read it as Java's
    /// `Boolean.parseBoolean` does (`true` in any case, nothing else; not `1`, not ` true`)
    /// and deploy no other (Camunda 7, Zeebe and Flowable skip it; modellers draw a
    /// collaboration's other pools so), and its tasks run nowhere (found by two fresh
    /// testers).
    // Limitation: a process without the attribute counts as executable, as Flowable takes
    // it; Camunda 7 (on a new deployment) and Zeebe skip it (README, Known limitations).
    private func isExecutable(_ tag: XMLResolvedTag) -> Bool {
        guard let value = attribute("isExecutable", of: tag) else { return true }
        return value.lowercased() == "true"
    }

    /// True for the place of an element that starts a task input: an input parameter or a
    /// field among the extension elements, a Zeebe input or header.
    private func startsInput(_ place: BPMNPlace, in parent: BPMNPlace) -> Bool {
        switch (parent, place) {
        case (.camundaInputs, .input), (.extensionElements, .field), (.zeebeInputs, _),
            (.zeebeHeaders, _):
            true
        default: false
        }
    }

    /// A frame's place: its parent's (shared), or one of its own.
    private enum PlaceChoice {
        case inherited
        case new(BPMNPlace)
    }

    private func place(
        of tag: XMLResolvedTag, _ vocabulary: BPMNVocabulary, _ element: BPMNElement,
        in parent: BPMNFrame?, task: Int?, process: Int?
    ) -> PlaceChoice {
        // A supported task counts only right inside a process or a subprocess placed so
        // itself: anywhere else (a sequence flow, a lane, another task, documentation) no
        // engine runs it.
        if vocabulary == .bpmn, element.isSupportedTask, process != nil, let parent,
            !parent.runsFlowElements
        {
            return .new(.unsupported(.nestedTask(task: task, container: parent.name)))
        }
        if vocabulary == .bpmn, let place = bpmnPlace(element, task: task, process: process) {
            return .new(place)
        }
        if vocabulary == .bpmn, element == .process, let process {
            return .new(.unsupported(.process(process)))
        }
        guard let parent else { return .new(.unsupported(.words("the root element"))) }
        // Most elements (diagram shapes, anything outside a task) inherit their parent's
        // place: answer before building anything.
        switch places[parent.place] {
        case .unsupported, .documentation, .script: return .inherited
        default: return .new(nestedPlace(of: tag, vocabulary, element, in: parent))
        }
    }

    /// BPMN elements that decide the place whatever surrounds them.
    private func bpmnPlace(_ element: BPMNElement, task: Int?, process: Int?) -> BPMNPlace? {
        switch element {
        case .documentation: .documentation
        case .conditionExpression: .unsupported(.words("a condition expression"))
        case _ where element.isDefinition: .unsupported(.definition(element))
        case .userTask: .unsupported(.userTask(task: task))
        case _ where element.isSupportedTask:
            process == nil ? .unsupported(.taskOutsideProcess(task: task)) : .task
        case _ where element.isFlowElement: .unsupported(.flowElement(task: task))
        default: nil
        }
    }

    /// The words of `place`, for a finding's message.
    func words(_ place: UnsupportedPlace) -> String {
        func describe(_ index: Int?) -> String { self.describe(index.map { tasks[$0] }) }
        switch place {
        case .words(let words): return words
        case .process(let index): return "process \"\(processes[index].id)\" (outside any task)"
        case .definition(let element):
            return "a message, signal or event definition (\(element.rawValue))"
        case .userTask(let task): return "a user task or its form fields (\(describe(task)))"
        case .flowElement(let task):
            // The closing comma ends the clause in "... in X, which is not ..., is not
            // resolved", the one sentence these words go into.
            return "\(describe(task)), which is not a service, script, send or business-rule "
                + "task,"
        case .taskOutsideProcess(let task):
            return "\(describe(task)) outside any bpmn:process"
        case .nestedTask(let task, let container):
            return
                "\(describe(task)) inside <\(container.qualified(in: bytes))>, where no engine "
                + "runs it (a task runs right inside an executable process, or a subprocess "
                + "placed so),"
        case .element(let name, let task):
            return "<\(name.qualified(in: bytes))> in \(describe(task))"
        case .outputParameter(let name, let task):
            return "an output parameter (<\(name.qualified(in: bytes))> in \(describe(task)))"
        }
    }

    private func nestedPlace(
        of tag: XMLResolvedTag, _ vocabulary: BPMNVocabulary, _ element: BPMNElement,
        in parent: BPMNFrame
    ) -> BPMNPlace {
        let here = UnsupportedPlace.element(tag.tag.name, task: parent.task)
        let parentPlace = places[parent.place]
        switch parentPlace {
        case .unsupported, .documentation, .script:
            return parentPlace
        case .task:
            return vocabulary == .bpmn && element == .extensionElements
                ? .extensionElements : .unsupported(here)
        case .extensionElements, .extensions, .camundaConnector, .camundaInputs:
            return extensionPlace(of: tag, vocabulary, element, in: parent, here: here)
        case .input(let parameter, let path):
            // A list value is its text: the engine ignores elements inside it (found by a
            // fresh tester: a map there was given a value).
            if parent.isListValue { return .unsupported(here) }
            return inputChildPlace(vocabulary, element, parameter: parameter, path: path, here)
        case .inputMap(let parameter, let path):
            guard vocabulary == .camunda, element == .entry, let key = attribute("key", of: tag)
            else { return .unsupported(here) }
            let fieldPath = JSONPath([.key(key)]).appended(to: path)
            return .input(parameter: parameter, fieldPath: fieldPath)
        case .inputList(let parameter, let path):
            let fieldPath = JSONPath([.index(parent.childCount)]).appended(to: path)
            if vocabulary == .camunda, element == .value {
                return .input(parameter: parameter, fieldPath: fieldPath)
            }
            return inputChildPlace(
                vocabulary, element, parameter: parameter, path: fieldPath, here)
        case .field(let name):
            let holdsValue = element == .string || element == .expression
            guard holdsValue, vocabulary == .flowable || vocabulary == .camunda else {
                return .unsupported(here)
            }
            return .input(parameter: name, fieldPath: name)
        case .zeebeInputs, .zeebeHeaders:
            return .extensions
        }
    }

    private func extensionPlace(
        of tag: XMLResolvedTag, _ vocabulary: BPMNVocabulary, _ element: BPMNElement,
        in parent: BPMNFrame, here: UnsupportedPlace
    ) -> BPMNPlace {
        // Inputs count only where the engine reads them: an input parameter, an `ioMapping`
        // or a field anywhere else is an error, not a value written into a dead spot.
        // Limitation: an `activiti:` input beside a `camunda:` one, fields on a task that
        // injects none, and a Zeebe header on a FEEL script task are accepted; connectors of
        // message events, listener fields and a call activity's inputs are refused (README,
        // Known limitations).
        let parentPlace = places[parent.place]
        switch (vocabulary, element) {
        // A script task has no connector and takes no fields (found by a fresh tester).
        case (.camunda, .connector) where parentPlace == .extensionElements:
            return isScriptTask(parent.task) ? .unsupported(here) : .camundaConnector
        case (.camunda, .inputOutput)
        where parentPlace == .extensionElements || parentPlace == .camundaConnector:
            return .camundaInputs
        case (.camunda, .inputParameter):
            guard parentPlace == .camundaInputs else { return .unsupported(here) }
            let name = attribute("name", of: tag) ?? ""
            return .input(parameter: name, fieldPath: name)
        case (.camunda, .outputParameter):
            return .unsupported(.outputParameter(tag.tag.name, task: parent.task))
        case (.zeebe, .ioMapping), (.zeebe, .taskHeaders):
            guard parentPlace == .extensionElements else { return .unsupported(here) }
            return element == .ioMapping ? .zeebeInputs : .zeebeHeaders
        case (.flowable, .field), (.camunda, .field):
            guard parentPlace == .extensionElements, !isScriptTask(parent.task) else {
                return .unsupported(here)
            }
            return .field(name: attribute("name", of: tag) ?? "")
        default:
            return .extensions
        }
    }

    /// How many of a field's value attributes (`stringValue`, `expression`) `tag` has.
    private func valueAttributes(of tag: XMLResolvedTag) -> Int {
        tag.attributeNames.count { name in
            name.namespace == nil
                && (XMLBytes.equal(name.local, "stringValue", in: bytes)
                    || XMLBytes.equal(name.local, "expression", in: bytes))
        }
    }

    /// True when the flow element `task` indexes is a script task.
    private func isScriptTask(_ task: Int?) -> Bool {
        task.map { tasks[$0].kind == BPMNElement.scriptTask.rawValue } ?? false
    }

    /// Children of an input value (or list element): nested maps, lists, scripts.
    private func inputChildPlace(
        _ vocabulary: BPMNVocabulary, _ element: BPMNElement, parameter: String,
        path fieldPath: String, _ here: UnsupportedPlace
    ) -> BPMNPlace {
        guard vocabulary == .camunda else { return .unsupported(here) }
        switch element {
        case .map: return .inputMap(parameter: parameter, fieldPath: fieldPath)
        case .list: return .inputList(parameter: parameter, fieldPath: fieldPath)
        case .script: return .script(parameter: parameter)
        default: return .unsupported(here)
        }
    }

    /// The value of the unprefixed attribute `local` of `tag`, decoded.
    func attribute(_ local: StaticString, of tag: XMLResolvedTag) -> String? {
        for (attribute, name) in zip(tag.tag.attributes, tag.attributeNames)
        where name.namespace == nil && XMLBytes.equal(name.local, local, in: bytes) {
            // Most ids and names need no decoding: make the string from the bytes at once.
            guard attribute.needsDecoding else {
                return XMLBytes.string(attribute.valueSpan, in: bytes)
            }
            return attribute.value(in: bytes).string
        }
        return nil
    }

    /// `serviceTask "id"`, or `the process` outside any flow element.
    func describe(_ task: TaskIdentity?) -> String {
        guard let task else { return "the process definitions" }
        return "\(task.kind) \"\(task.id)\""
    }
}
