/// How each element changes the place: which process and flow element the walker is in, and
/// whether its text is a task input.
extension BPMNWalker {
    /// The frame for the element `tag` opens inside the current one.
    func child(_ tag: XMLResolvedTag) -> BPMNFrame {
        let vocabulary = BPMNVocabulary(uri: tag.name.uri)
        let local = tag.name.local
        let parent = frames.last
        var frame = BPMNFrame(
            vocabulary: vocabulary, local: local, qualified: tag.tag.name.qualified,
            process: parent?.process, task: parent?.task, place: parent?.place ?? .unsupported(""))
        if vocabulary == .bpmn, local == "process" {
            frame.process = ProcessIdentity(
                id: attribute("id", of: tag) ?? "", name: attribute("name", of: tag))
        }
        if vocabulary == .bpmn, BPMNVocabulary.flowElements.contains(local) {
            frame.task = TaskIdentity(
                id: attribute("id", of: tag) ?? "", name: attribute("name", of: tag), kind: local)
        }
        frame.place = place(of: tag, vocabulary, local, in: parent, task: frame.task)
        return frame
    }

    private func place(
        of tag: XMLResolvedTag, _ vocabulary: BPMNVocabulary, _ local: String,
        in parent: BPMNFrame?, task: TaskIdentity?
    ) -> BPMNPlace {
        if vocabulary == .bpmn, let place = bpmnPlace(local, task: task) { return place }
        guard let parent else { return .unsupported("the root element") }
        return nestedPlace(of: tag, vocabulary, local, in: parent)
    }

    /// BPMN elements that decide the place whatever surrounds them.
    private func bpmnPlace(_ local: String, task: TaskIdentity?) -> BPMNPlace? {
        switch local {
        case "documentation":
            return .documentation
        case "conditionExpression":
            return .unsupported("a condition expression")
        case _ where BPMNVocabulary.definitions.contains(local):
            return .unsupported("a message, signal or event definition (\(local))")
        case "userTask":
            return .unsupported("a user task or its form fields (\(describe(task)))")
        case _ where BPMNVocabulary.supportedTasks.contains(local):
            return .task
        case _ where BPMNVocabulary.flowElements.contains(local):
            return .unsupported(
                "\(describe(task)), which is not a service, script, send or business-rule task")
        default:
            return nil
        }
    }

    private func nestedPlace(
        of tag: XMLResolvedTag, _ vocabulary: BPMNVocabulary, _ local: String,
        in parent: BPMNFrame
    ) -> BPMNPlace {
        // Most elements (diagram shapes, anything outside a task) inherit their parent's
        // place: answer before building the description below.
        switch parent.place {
        case .unsupported, .documentation, .script: return parent.place
        default: break
        }
        let here = "<\(tag.tag.name.qualified)> in \(describe(parent.task))"
        switch parent.place {
        case .unsupported, .documentation, .script:
            return parent.place
        case .task:
            return vocabulary == .bpmn && local == "extensionElements"
                ? .extensionElements : .unsupported(here)
        case .extensionElements, .extensions:
            return extensionPlace(of: tag, vocabulary, local, in: parent, here: here)
        case .input(let parameter, let path):
            return inputChildPlace(vocabulary, local, parameter: parameter, path: path, here)
        case .inputMap(let parameter, let path):
            guard vocabulary == .camunda, local == "entry", let key = attribute("key", of: tag)
            else { return .unsupported(here) }
            let fieldPath = JSONPath([.key(key)]).appended(to: path)
            return .input(parameter: parameter, fieldPath: fieldPath)
        case .inputList(let parameter, let path):
            let fieldPath = JSONPath([.index(parent.childCount)]).appended(to: path)
            if vocabulary == .camunda, local == "value" {
                return .input(parameter: parameter, fieldPath: fieldPath)
            }
            return inputChildPlace(vocabulary, local, parameter: parameter, path: fieldPath, here)
        case .field(let name):
            let holdsValue = local == "string" || local == "expression"
            guard holdsValue, vocabulary == .flowable || vocabulary == .camunda else {
                return .unsupported(here)
            }
            return .input(parameter: name, fieldPath: name)
        case .zeebeInputs, .zeebeHeaders:
            return .extensions
        }
    }

    private func extensionPlace(
        of tag: XMLResolvedTag, _ vocabulary: BPMNVocabulary, _ local: String,
        in parent: BPMNFrame, here: String
    ) -> BPMNPlace {
        switch (vocabulary, local) {
        case (.camunda, "inputParameter"):
            let name = attribute("name", of: tag) ?? ""
            return .input(parameter: name, fieldPath: name)
        case (.camunda, "outputParameter"):
            return .unsupported("an output parameter (\(here))")
        case (.zeebe, "ioMapping"):
            return .zeebeInputs
        case (.zeebe, "taskHeaders"):
            return .zeebeHeaders
        case (.flowable, "field"), (.camunda, "field"):
            guard parent.place == .extensionElements else { return .unsupported(here) }
            return .field(name: attribute("name", of: tag) ?? "")
        default:
            return .extensions
        }
    }

    /// Children of an input value (or list element): nested maps, lists, scripts.
    private func inputChildPlace(
        _ vocabulary: BPMNVocabulary, _ local: String, parameter: String, path fieldPath: String,
        _ here: String
    ) -> BPMNPlace {
        guard vocabulary == .camunda else { return .unsupported(here) }
        switch local {
        case "map": return .inputMap(parameter: parameter, fieldPath: fieldPath)
        case "list": return .inputList(parameter: parameter, fieldPath: fieldPath)
        case "script": return .script(parameter: parameter)
        default: return .unsupported(here)
        }
    }

    /// The value of the unprefixed attribute `local` of `tag`, decoded.
    func attribute(_ local: String, of tag: XMLResolvedTag) -> String? {
        for (attribute, name) in zip(tag.tag.attributes, tag.attributeNames)
        where name.uri == nil && name.local == local {
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
