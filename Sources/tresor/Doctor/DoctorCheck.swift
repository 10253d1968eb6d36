/// One line of `tresor doctor`: a check's name, whether it passed, what was found, and for
/// a problem the fix.
struct DoctorCheck: Sendable {
    let name: String
    let passed: Bool
    let detail: String
    let fix: String?
    /// Not made, because an earlier check failed: counted apart from the failures.
    var skipped = false

    static func ok(_ name: String, _ detail: String) -> DoctorCheck {
        DoctorCheck(name: name, passed: true, detail: detail, fix: nil)
    }

    static func problem(_ name: String, _ detail: String, fix: String?) -> DoctorCheck {
        DoctorCheck(name: name, passed: false, detail: detail, fix: fix)
    }

    /// A check that could not be made (`detail` says why): shown as `--  `, not `FAIL`.
    static func notChecked(_ name: String, _ detail: String) -> DoctorCheck {
        DoctorCheck(name: name, passed: false, detail: detail, fix: nil, skipped: true)
    }

    /// `ok   name  detail`, `FAIL name  problem; fix: ...` or `--   name  not checked: ...`,
    /// padded to `width`.
    func line(width: Int, style: TerminalStyle) -> String {
        let mark = passed ? style.green("ok  ") : skipped ? "--  " : style.red("FAIL")
        let fixText = fix.map { "; fix: \($0)" } ?? ""
        return "\(mark)  \(name.padding(width))  \(detail)\(fixText)"
    }
}
