/// The findings the process readers report about placeholders, worded in one place.
enum PlaceholderFindings {
    static let supportedPlaces =
        "placeholders are resolved only in task inputs of service, script, send and "
        + "business-rule tasks, where the engine reads them (README, \"Where placeholders are "
        + "resolved\")"

    static func nearMiss(_ nearMiss: NearMiss, at location: SourceLocation) -> Finding {
        let hint: String
        switch (nearMiss.kind, nearMiss.suggestion) {
        case (.camundaForm, let suggestion):
            hint = "Tresor writes \(suggestion ?? "{{secret:NAME}}")"
        case (.reservedName, _):
            hint =
                "no secret may be named VAULT or after a variable programs read from their "
                + "environment (PATH, LD_PRELOAD, TRESOR_KEY_COMMAND, ...): rename the secret"
        case (_, let suggestion?):
            hint = "write \(suggestion)"
        case (_, nil):
            hint = "placeholders are written {{secret:NAME}}, NAME matching ^[A-Z][A-Z0-9_]*$"
        }
        return Finding(
            .error, .nearMiss, at: location,
            "\"\(nearMiss.text)\" is not a valid placeholder: \(nearMiss.kind.rawValue)",
            hint: hint)
    }

    static func unsupported(
        _ name: SecretName, in place: String, at location: SourceLocation
    ) -> Finding {
        Finding(
            .error, .unsupportedPlace, at: location,
            "placeholder {{secret:\(name)}} in \(place) is not resolved", hint: supportedPlaces)
    }

    /// A placeholder in a field that gives its value in more than one way.
    static func twoFieldValues(_ reference: PlaceholderReference) -> Finding {
        Finding(
            .error, .unsupportedPlace, at: reference.location,
            "placeholder {{secret:\(reference.name)}} in field "
                + "\(TerminalText.inQuotes(reference.parameter)), which gives its value in more "
                + "than one way (stringValue, expression, string, expression): engines take one "
                + "and ignore the rest (Camunda the first, Flowable the last), so it is not "
                + "resolved",
            hint: "give the field one value: one attribute or one child element")
    }

    static func script(_ name: SecretName, parameter: String, at location: SourceLocation)
        -> Finding
    {
        Finding(
            .error, .unsupportedPlace, at: location,
            "placeholder {{secret:\(name)}} in the script of input parameter \"\(parameter)\" "
                + "is not resolved: a script is code",
            hint: "pass the secret as another input parameter and read that variable in the script"
        )
    }

    static func documentation(_ name: SecretName, at location: SourceLocation) -> Finding {
        Finding(
            .note, .documentation, at: location,
            "documentation mentions {{secret:\(name)}}; placeholders are not resolved there")
    }

    static func bareFEEL(_ name: SecretName, input: String, at location: SourceLocation) -> Finding
    {
        Finding(
            .error, .unsafeContext, at: location,
            "a placeholder in bare FEEL code of input \"\(input)\" would become code: "
                + "{{secret:\(name)}}",
            hint: "put it inside a string literal: \"{{secret:\(name)}}\"")
    }

    static func blankBeforeFEEL(
        _ name: SecretName, input: String, at location: SourceLocation
    ) -> Finding {
        Finding(
            .error, .unsafeContext, at: location,
            "input \"\(input)\" starts with blanks before its `=`: Zeebe reads it as static "
                + "text, not a FEEL expression, so how to escape {{secret:\(name)}} is unclear",
            hint: "remove the blanks before `=` for an expression, or the `=` for static text")
    }

    static func jsonKey(_ name: SecretName, path: String, at location: SourceLocation) -> Finding {
        Finding(
            .error, .unsafeContext, at: location,
            "placeholder {{secret:\(name)}} in a JSON object key (\(path)) cannot be escaped "
                + "safely",
            hint: "placeholders are resolved only in JSON string values")
    }

    static func bareJSON(_ name: SecretName, path: String, at location: SourceLocation) -> Finding {
        Finding(
            .error, .unsafeContext, at: location,
            "placeholder {{secret:\(name)}} stands bare as a JSON value (\(path)); its value "
                + "would be written as JSON code",
            hint: "put it inside a JSON string: \"{{secret:\(name)}}\"")
    }

    static func nestedJSON(_ name: SecretName, path: String, at location: SourceLocation)
        -> Finding
    {
        Finding(
            .error, .unsafeContext, at: location,
            "placeholder {{secret:\(name)}} is in JSON text held in a string (\(path)); "
                + "its value would have to be escaped once for each, and Tresor escapes it once",
            hint: "write the inner JSON as an object or array instead of a string, or give the "
                + "secret a field of its own")
    }

    static func jsonInXMLPayload(
        _ name: SecretName, input: String, at location: SourceLocation
    ) -> Finding {
        Finding(
            .error, .unsafeContext, at: location,
            "placeholder {{secret:\(name)}} is in JSON text held in the XML document of input "
                + "\"\(input)\"; its value would have to be escaped for both, and Tresor escapes "
                + "it for XML",
            hint: "give the secret an element or attribute of its own in the document, or "
                + "move the JSON out of it")
    }

    static func insideExpression(
        _ name: SecretName, input: String, at location: SourceLocation
    ) -> Finding {
        Finding(
            .error, .unsafeContext, at: location,
            "placeholder {{secret:\(name)}} stands inside an expression (${...} or #{...}) of "
                + "input \"\(input)\"; the engine would run its value as code",
            hint: "put the placeholder in an input parameter of its own and use that variable "
                + "in the expression")
    }

    static func xmlMarkup(
        _ name: SecretName, input: String, markup: String, at location: SourceLocation
    ) -> Finding {
        let hint =
            "move the placeholder into the document's text or an attribute value, where its "
            + "value is escaped for XML"
        // A CDATA section is text to its reader: the value would not be markup there, but
        // Tresor does not escape for one inside a payload (a forty-fifth fresh tester
        // found the message said otherwise).
        // Limitation: a placeholder in a payload's CDATA section is refused (README).
        if markup == "a CDATA section" {
            return Finding(
                .error, .unsafeContext, at: location,
                "placeholder {{secret:\(name)}} stands in a CDATA section of the XML document "
                    + "that input \"\(input)\" holds; Tresor escapes values for a payload's "
                    + "text and attributes, not for a CDATA section inside it",
                hint: hint + " (`<Password>{{secret:\(name)}}</Password>` reads the same to the "
                    + "receiver as a CDATA section)")
        }
        return Finding(
            .error, .unsafeContext, at: location,
            "placeholder {{secret:\(name)}} stands in \(markup) of the XML document that "
                + "input \"\(input)\" holds; its value would be markup there, which no escaping "
                + "makes safe",
            hint: hint)
    }

    static func repeatedJSONKey(
        _ name: SecretName, key: String, input: String, at location: SourceLocation
    ) -> Finding {
        Finding(
            .error, .unsafeContext, at: location,
            "the JSON of input \"\(input)\" writes the key \(TerminalText.inQuotes(key)) "
                + "twice in one object, so the placeholder {{secret:\(name)}} may not be the "
                + "value used",
            hint: "keep one of the two: engines differ in which one they take")
    }

    static func malformedJSON(
        _ name: SecretName, input: String, reason: String, at location: SourceLocation
    ) -> Finding {
        Finding(
            .error, .unsafeContext, at: location,
            "input \"\(input)\" starts like JSON but is not valid JSON (\(reason)), so the "
                + "placeholder {{secret:\(name)}} cannot be escaped safely",
            hint: "fix the JSON (no trailing commas, keys in double quotes, only white space "
                + "before it) and put the placeholder inside a string")
    }

    static func split(_ name: SecretName, at location: SourceLocation) -> Finding {
        Finding(
            .error, .unsafeContext, at: location,
            "placeholder {{secret:\(name)}} is split by a comment, a processing instruction "
                + "or a CDATA boundary",
            hint: "write the placeholder in one piece")
    }

    static func legacy(_ name: String, at location: SourceLocation) -> Finding {
        Finding(
            .warning, .camundaSecretReference, at: location,
            "Camunda's bare secrets.\(SecretName.printable(name)) reference is not resolved "
                + "by Tresor",
            hint: "in a task input, write {{secret:\(SecretName.printable(name))}} to have "
                + "Tresor fill in the value; elsewhere, pass the secret through a task input")
    }
}
