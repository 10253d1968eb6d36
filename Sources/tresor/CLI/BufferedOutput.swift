/// Lines for standard output, written in chunks of about 64 KiB instead of one write each.
struct BufferedOutput {
    let console: Console
    private var buffer = ""

    init(console: Console) {
        self.console = console
    }

    mutating func print(_ line: String) {
        buffer += line
        buffer += "\n"
        if buffer.utf8.count >= 64 << 10 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        Console.write(1, buffer)
        buffer = ""
    }
}
