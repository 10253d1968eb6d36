/// What the text and attributes of the current element are for.
extension BPMNWalker {
    /// The place of character data directly inside `frame`'s element.
    func textPlace(of frame: BPMNFrame) -> BPMNSitePlace {
        switch frame.place {
        case .input(let parameter, let fieldPath):
            return .input(parameter: parameter, fieldPath: fieldPath, isZeebe: false)
        case .documentation:
            return .documentation
        case .script(let parameter):
            return .script(parameter: parameter)
        case .unsupported(let place):
            return .unsupported(place)
        case .task:
            return .unsupported(describe(frame.task))
        case .extensions, .extensionElements, .inputMap, .inputList, .field, .zeebeInputs,
            .zeebeHeaders:
            return .unsupported("<\(frame.qualified)> in \(describe(frame.task))")
        }
    }

    /// The place of an attribute value of `frame`'s element (the innermost frame).
    func attributePlace(
        _ name: XMLExpandedName, attribute: XMLAttribute, of frame: BPMNFrame,
        tag: XMLResolvedTag
    ) -> BPMNSitePlace {
        if let input = inputAttribute(name, of: frame, tag: tag) { return input }
        if frame.place == .documentation { return .documentation }
        let element: String
        if frame.vocabulary == .bpmn, frame.local == frame.task?.kind {
            element = describe(frame.task)
        } else if case .unsupported(let place) = frame.place {
            // A place named after this very element already says which element it is.
            let isOwn = place.hasPrefix("<\(frame.qualified)>")
            element = isOwn ? place : "<\(frame.qualified)> in \(place)"
        } else {
            element = "<\(frame.qualified)> in \(describe(frame.task))"
        }
        if name.uri == nil, name.local == "name" {
            return .unsupported("a name attribute of \(element)")
        }
        return .unsupported("the attribute \(attribute.name) of \(element)")
    }

    /// Attributes that hold a task input's value: `zeebe:input@source`, `zeebe:header@value`,
    /// and `field@stringValue` / `field@expression`.
    private func inputAttribute(
        _ name: XMLExpandedName, of frame: BPMNFrame, tag: XMLResolvedTag
    ) -> BPMNSitePlace? {
        guard name.uri == nil, frames.count >= 2 else { return nil }
        let parent = frames[frames.count - 2].place
        switch (frame.vocabulary, frame.local, name.local) {
        case (.zeebe, "input", "source") where parent == .zeebeInputs:
            let target = attribute("target", of: tag) ?? ""
            return .input(parameter: target, fieldPath: target, isZeebe: true)
        case (.zeebe, "header", "value") where parent == .zeebeHeaders:
            let key = attribute("key", of: tag) ?? ""
            return .input(parameter: key, fieldPath: key, isZeebe: true)
        case (.flowable, "field", "stringValue"), (.flowable, "field", "expression"),
            (.camunda, "field", "stringValue"), (.camunda, "field", "expression"):
            guard case .field(let field) = frame.place else { return nil }
            return .input(parameter: field, fieldPath: field, isZeebe: false)
        default:
            return nil
        }
    }
}
