/// "1 secret", "3 secrets": counts in log lines read as English.
func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
}
