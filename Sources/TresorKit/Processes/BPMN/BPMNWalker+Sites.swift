/// What the text and attributes of the current element are for.
extension BPMNWalker {
    /// The place of character data directly inside `frame`'s element.
    func textPlace(of frame: BPMNFrame) -> BPMNSitePlace {
        switch place(of: frame) {
        case .input(let parameter, let fieldPath):
            return .input(parameter: parameter, fieldPath: fieldPath, reading: .expressionLanguage)
        case .documentation:
            return .documentation
        case .script(let parameter):
            return .script(parameter: parameter)
        case .unsupported(let place):
            // Inside a process but no task, the element is named: a lane, a data object.
            if case .process = place, frame.vocabulary != .bpmn || frame.element != .process {
                return .unsupported("<\(qualified(frame))> in \(words(place))")
            }
            return .unsupported(words(place))
        case .task:
            return .unsupported(describe(task(of: frame)))
        case .extensions, .extensionElements, .camundaConnector, .camundaInputs, .inputMap,
            .inputList, .field, .zeebeInputs, .zeebeHeaders:
            return .unsupported("<\(qualified(frame))> in \(describe(task(of: frame)))")
        }
    }

    /// The name of `frame`'s element as written.
    private func qualified(_ frame: BPMNFrame) -> String { frame.name.qualified(in: bytes) }

    /// The place of an attribute value of `frame`'s element (the innermost frame).
    func attributePlace(
        _ name: XMLResolvedName, attribute: XMLAttribute, of frame: BPMNFrame,
        tag: XMLResolvedTag
    ) -> BPMNSitePlace {
        if let input = inputAttribute(name, of: frame, tag: tag) { return input }
        let place = place(of: frame)
        if place == .documentation { return .documentation }
        let element: String
        if frame.vocabulary == .bpmn, frame.element.isFlowElement {
            element = describe(task(of: frame))
        } else if frame.vocabulary == .bpmn, frame.element == .process,
            let process = process(of: frame)
        {
            element = "process \"\(process.id)\""
        } else if case .unsupported(let place) = place {
            // A place named after this very element already says which element it is.
            var isOwn = false
            if case .element(let name, _) = place {
                isOwn = XMLBytes.equal(name.span, frame.name.span, in: bytes)
            }
            element = isOwn ? words(place) : "<\(qualified(frame))> in \(words(place))"
        } else {
            element = "<\(qualified(frame))> in \(describe(task(of: frame)))"
        }
        if name.namespace == nil, XMLBytes.equal(name.local, "name", in: bytes) {
            return .unsupported("a name attribute of \(element)")
        }
        let written = attribute.name.qualified(in: bytes)
        return .unsupported("the attribute \(written) of \(element)")
    }

    /// Attributes that hold a task input's value: `zeebe:input@source`, `zeebe:header@value`,
    /// and `field@stringValue` / `field@expression`.
    private func inputAttribute(
        _ name: XMLResolvedName, of frame: BPMNFrame, tag: XMLResolvedTag
    ) -> BPMNSitePlace? {
        guard name.namespace == nil, frames.count >= 2 else { return nil }
        let parent = place(of: frames[frames.count - 2])
        func named(_ local: StaticString) -> Bool { XMLBytes.equal(name.local, local, in: bytes) }
        switch (frame.vocabulary, frame.element) {
        case (.zeebe, .input) where parent == .zeebeInputs && named("source"):
            let target = attribute("target", of: tag) ?? ""
            return .input(parameter: target, fieldPath: target, reading: .feelWhenMarked)
        case (.zeebe, .header) where parent == .zeebeHeaders && named("value"):
            let key = attribute("key", of: tag) ?? ""
            return .input(parameter: key, fieldPath: key, reading: .staticText)
        case (.flowable, .field), (.camunda, .field):
            guard named("stringValue") || named("expression"),
                case .field(let field) = place(of: frame)
            else { return nil }
            return .input(parameter: field, fieldPath: field, reading: .expressionLanguage)
        default:
            return nil
        }
    }
}
