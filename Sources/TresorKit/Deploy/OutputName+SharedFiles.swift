/// `validate`'s and the hook's check that no two inputs of one task share a name, so that
/// `deploy`, which writes one file per task and name, does not stop at them.
extension OutputName {
    // Limitation: only inputs that hold a placeholder are compared (the others are stepped
    // over unread), and only within one file: a name shared with an input without one, or
    // one output written from two files (one process id in both), stops only `deploy`
    // (README, Known limitations).
    /// An error at the first placeholder of each input named as an earlier input of its
    /// task (an input parameter, connector input, field, Zeebe input or header): `deploy`
    /// would write both to one file, and refuses (found by a fresh tester). An engine may
    /// read both (a connector's inputs and the task's are apart): the limit is deploy's
    /// layout, as the message says (found by the next tester). Tasks
    /// are told apart by process and task id, as deploy's files are, also when one id
    /// comes back later in the file (found by the next tester); the references of a task
    /// mostly come one after another, so a task is looked up only when the id changes.
    /// Tasks are looked up in ``FirstMetNumbers``, and a task's input names one by one
    /// while they are few, by their bytes in a table of the task's once they are many, so a
    /// task of thousands of inputs is checked in a time that grows with their count, not
    /// its square (80,000 took 19.5 s; found by a tester).
    static func sharedFileFindings(in document: ProcessDocument) -> [Finding] {
        var findings: [Finding] = []
        var tasks = FirstMetNumbers<TaskKey>()
        // By task: each input name's first input (element, line) and whether a second
        // one was reported; and, once the task has many, the names' places by their bytes
        // (a table for every task cost a fifth more than the whole check, on 600 files).
        var inputs: [[(parameter: String, element: Int, line: Int, reported: Bool)]] = []
        var tables: [[BytesKey: Int]?] = []
        var current: (process: String, task: String, slot: Int)?
        // The input element of the reference before: an input's placeholders come one
        // after another, and only its first can meet an earlier input or be reported.
        var previousElement: Int?
        // Read in place: a copy of a reference was nine retains and releases.
        let references = document.references
        for index in references.indices {
            guard let element = references[index].inputElement, element != previousElement
            else { continue }
            previousElement = element
            guard let process = references[index].process?.id,
                let task = references[index].task?.id
            else { continue }
            let slot: Int
            if let current, same(current.process, process), same(current.task, task) {
                slot = current.slot
            } else {
                slot = tasks.number(of: TaskKey(process: process, task: task)).number
                if slot == inputs.count {
                    inputs.append([])
                    tables.append(nil)
                }
                current = (process, task, slot)
            }
            let parameter = references[index].parameter
            let found =
                tables[slot] != nil
                ? tables[slot]![BytesKey(Array(parameter.utf8))]
                : inputs[slot].firstIndex { same($0.parameter, parameter) }
            guard let number = found else {
                let line = references[index].location.line
                inputs[slot].append((parameter, element, line, false))
                if tables[slot] != nil {
                    tables[slot]![BytesKey(Array(parameter.utf8))] = inputs[slot].count - 1
                } else if inputs[slot].count > FirstMetNumbers<TaskKey>.listedAtMost {
                    var table: [BytesKey: Int] = [:]
                    for (place, input) in inputs[slot].enumerated() {
                        table[BytesKey(Array(input.parameter.utf8))] = place
                    }
                    tables[slot] = table
                }
                continue
            }
            let earlier = inputs[slot][number]
            guard earlier.element != element, !earlier.reported else { continue }
            inputs[slot][number].reported = true
            let key = TaskInputKey(process: process, task: task, parameter: parameter)
            findings.append(
                Finding(
                    .error, .outputName, at: references[index].location,
                    "task \"\(TerminalText.escaped(task))\" of process "
                        + "\"\(TerminalText.escaped(process))\" has a second input named "
                        + "\"\(TerminalText.escaped(parameter))\" (the first on line "
                        + "\(earlier.line)): deploy writes one file per task and name, and "
                        + "both would be \(TaskInput.outputPath(of: key)) (render is not "
                        + "affected)",
                    hint: "rename one of them: in deploy's layout the inputs, connector inputs, "
                        + "headers and fields of a task share one set of names"))
        }
        return findings
    }

    /// A task of one file, by process and task id.
    private struct TaskKey: FirstMetKey {
        let process: String
        let task: String

        func isSame(as other: TaskKey) -> Bool {
            same(process, other.process) && same(task, other.task)
        }

        var bytesKey: BytesKey {
            // 0xFF is no byte of UTF-8: the ids cannot run into each other.
            BytesKey(Array(process.utf8) + [0xFF] + Array(task.utf8))
        }
    }

    /// True when `left` and `right` are the same bytes, as deploy's files tell names apart.
    /// `==` first: it is quick (one storage, or different lengths), and it is true whenever
    /// the bytes are the same; it is also true for two spellings of one character, which
    /// the bytes then tell apart.
    private static func same(_ left: String, _ right: String) -> Bool {
        left == right && left.isSamePath(as: right)
    }
}
