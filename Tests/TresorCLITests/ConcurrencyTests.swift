import Foundation
import Testing

/// Several `tresor` processes on one vault at once: no update lost, no file torn, each
/// loser told clearly, a lock left by a killed holder recovered.
@Suite struct ConcurrencyTests {
    /// Runs `work(i)` for every `i` in `0..<count` on its own thread, all at once.
    static func together(_ count: Int, _ work: @escaping @Sendable (Int) throws -> Void) -> [String]
    {
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: count) { index in
            do { try work(index) } catch { failures.add("\(index): \(error)") }
        }
        return failures.all
    }

    @Test(arguments: [2, 8])
    func editsOfOneSecretByManyProcessesAreAllKept(_ count: Int) throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("SHARED_TOKEN", "token", "fake-start")])
        for round in 0..<4 {
            // One process sets the value, one the type, the rest display names; a lost
            // update would undo one of them.
            let failures = Self.together(count) { index in
                let run: Workspace.Run
                switch index {
                case 0:
                    run = try workspace.run(
                        ["edit", "SHARED_TOKEN", "--new-value"], value: "fake-round-\(round)")
                case 1:
                    let type = round % 2 == 0 ? "api-key" : "password"
                    run = try workspace.run(["edit", "SHARED_TOKEN", "--type", type])
                default:
                    run = try workspace.run(["edit", "SHARED_TOKEN", "--display-name", "E\(index)"])
                }
                if run.status != 0 { throw Failure(run.stderr) }
                let own = try workspace.run(
                    ["create", "OWN_\(round)_\(index)", "--display-name", "O", "--type", "token"],
                    value: "fake-own-\(round)-\(index)")
                if own.status != 0 { throw Failure(own.stderr) }
            }
            #expect(failures.isEmpty, "\(failures)")
            let show = try workspace.run(["show", "SHARED_TOKEN"]).stdout
            #expect(show.contains(round % 2 == 0 ? "api-key" : "password"), "\(show)")
            if count > 2 { #expect(!show.contains("display name: Test SHARED_TOKEN")) }
            try workspace.write("in.json", #"{"a": "{{secret:SHARED_TOKEN}}"}"#)
            let render = try workspace.run(["render", "in.json"])
            #expect(render.stdout == #"{"a": "fake-round-\#(round)"}"#)
        }
        let list = try workspace.run(["list", "OWN_"])
        #expect(list.stdout.split(separator: "\n").count == 4 * count)
        #expect(try workspace.run(["validate"]).status == 0)
    }

    @Test func onlyOneOfEightCreatesOfOneNameWins() throws {
        let workspace = try Workspace()
        try workspace.initVault()
        let results = Results()
        let failures = Self.together(8) { index in
            let run = try workspace.run(
                ["create", "RACE_TOKEN", "--display-name", "R\(index)", "--type", "token"],
                value: "fake-racer-\(index)")
            results.add(index, run)
        }
        #expect(failures.isEmpty)
        let winners = results.all.filter { $0.1.status == 0 }
        #expect(winners.count == 1)
        for (_, run) in results.all where run.status != 0 {
            #expect(run.status == 1)
            #expect(run.stderr.contains("secret RACE_TOKEN already exists"), "\(run.stderr)")
        }
        try workspace.write("in.json", #"{"a": "{{secret:RACE_TOKEN}}"}"#)
        let winner = try #require(winners.first).0
        let render = try workspace.run(["render", "in.json"])
        #expect(render.stdout == #"{"a": "fake-racer-\#(winner)"}"#)
    }

    /// Two `init`s at once each stored a key and wrote vault.yaml, so one reported a key
    /// that opens nothing (found by a fresh tester).
    @Test func onlyOneOfFourInitsSetsUpTheVault() throws {
        for _ in 0..<5 {
            let workspace = try Workspace()
            let results = Results()
            let failures = Self.together(4) { index in
                results.add(index, try workspace.run(["init"]))
            }
            #expect(failures.isEmpty)
            let winners = results.all.filter { $0.1.status == 0 }
            #expect(winners.count == 1)
            for (_, run) in results.all where run.status != 0 {
                #expect(run.status == 3)
                #expect(run.stderr.contains("already exists; the vault is set up"), "\(run.stderr)")
            }
            let keys = try FileManager.default.subpathsOfDirectory(atPath: workspace.config.path)
                .filter { $0.hasSuffix(".key") }
            #expect(keys.count == 1, "\(keys)")
            // The one key stored opens the vault: a value sealed now renders.
            let create = try workspace.run(
                ["create", "INIT_TOKEN", "--display-name", "I", "--type", "token"],
                value: "fake-init")
            #expect(create.status == 0)
            try workspace.write("in.json", #"{"a": "{{secret:INIT_TOKEN}}"}"#)
            #expect(try workspace.run(["render", "in.json"]).stdout == #"{"a": "fake-init"}"#)
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/flock")))
    func heldLockTimesOutClearlyAndAKilledHolderReleasesIt() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("LOCKED_TOKEN", "token", "fake-locked")])
        // A holder that keeps the lock as a tresor stopped mid-edit would: `flock -F`
        // runs sleep in its own process with the lock held.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [
            "-F", workspace.root.appendingPathComponent("vault/.lock").path,
            "sleep", "60",
        ]
        try holder.run()
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) } }
        usleep(300_000)
        let before = workspace.vaultSnapshot()
        let waited = try workspace.run(["edit", "LOCKED_TOKEN", "--display-name", "Loser"])
        #expect(waited.status == 5)
        #expect(waited.stderr.contains("being changed by another tresor process"))
        #expect(waited.stderr.contains("nothing was changed"))
        #expect(workspace.vaultSnapshot() == before)
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        // Exit 0 proves the dead holder's lock is gone: a held one ends with exit 5.
        let after = try workspace.run(["edit", "LOCKED_TOKEN", "--display-name", "Next"])
        #expect(after.status == 0, "\(after.stderr)")
    }

    /// `edit --type url` checked the value before it took the lock, and an `edit
    /// --new-value` in between stored one the type refuses; both passed, and every render
    /// failed (found by a twenty-eighth fresh tester). The key command stands in for a slow
    /// prompt and makes the other edit meanwhile.
    @Test func aValueChangedWhileItsNewTypeIsCheckedStopsTheTypeChange() throws {
        let workspace = try Workspace()
        try workspace.initVault(secrets: [("URL_V", "other", "https://fake.example.com")])
        let keyFile = workspace.config.appendingPathComponent(
            "tresor/keys/\(try workspace.keyID()).key")
        let meanwhile =
            "cd '\(workspace.root.path)' && printf 'fake not a url' | '\(Workspace.binary)' edit "
            + "URL_V --new-value >/dev/null 2>&1; cat '\(keyFile.path)'"
        let run = try workspace.run(
            ["edit", "URL_V", "--type", "url"],
            environment: ["TRESOR_KEY_COMMAND": meanwhile])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("changed by another process while edit checked it"))
        #expect(!run.output.contains("fake not a url"))
        let show = try workspace.run(["show", "URL_V"]).stdout.split(separator: "\n")
        #expect(show.first { $0.hasPrefix("type:") }?.hasSuffix(" other") == true, "\(show)")
    }
}

/// An error carrying a command's standard error.
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs collected from concurrent work, by index.
final class Results: @unchecked Sendable {
    private var items: [(Int, Workspace.Run)] = []
    private let lock = NSLock()
    func add(_ index: Int, _ run: Workspace.Run) { lock.withLock { items.append((index, run)) } }
    var all: [(Int, Workspace.Run)] { lock.withLock { items } }
}
