import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// The two passes of a folder render, each on all cores. The check pass parses every
/// process file once and keeps what it found with a fingerprint of the bytes; the write
/// pass reads each file again and renders it from that finding when the bytes are
/// unchanged, parsing it again only when they are not.
extension FolderRenderer {
    /// A process file as the check pass left it.
    struct Checked: Sendable {
        var document: ProcessDocument
        var fingerprint: Int
        /// The bytes the check pass read, kept while the folder is small (see
        /// ``keptBytesLimit``) so the write pass need not read the file again.
        var bytes: [UInt8]?
    }

    /// How many bytes of checked files a render keeps for its write pass: a folder of
    /// 1,000 task inputs is kept whole; a larger one is read again, file by file.
    static let keptBytesLimit = 16 << 20

    /// Reads and checks every process file; nil for other files. Throws every problem of
    /// every file at once.
    func check(
        _ files: [String], in sourceFolder: OpenFolder, resolver: ValueResolver,
        counter: ProgressCounter?
    ) throws(RenderError) -> [Checked?] {
        let budget = ByteBudget(Self.keptBytesLimit)
        let results = try Self.onAllCores(files.count) {
            index throws(RenderError) -> (Checked, [Finding])? in
            defer { counter?.advance() }
            guard ProcessFolder.isProcessFile(files[index]) else { return nil }
            let loaded = try read(files[index], in: sourceFolder)
            let problems = DocumentRenderer.problems(in: loaded.document, exists: resolver.exists)
            let checked = Checked(
                document: loaded.document, fingerprint: fingerprint(loaded.bytes),
                bytes: budget.take(loaded.bytes.count) ? loaded.bytes : nil)
            return (checked, problems)
        }
        let problems = results.flatMap { $0?.1 ?? [] }
        guard problems.isEmpty else { throw .blocked(problems) }
        return results.map { $0?.0 }
    }

    /// Every name the files use, in order of first use (file order, then position), so a
    /// value that cannot be opened is reported as a sequential render would report it.
    static func namesInOrderOfUse(_ checked: [Checked?]) -> [SecretName] {
        var seen: Set<SecretName> = []
        var names: [SecretName] = []
        for document in checked.compactMap(\.?.document) {
            let ordered = document.references.sorted {
                $0.sourceRange.lowerBound < $1.sourceRange.lowerBound
            }
            for reference in ordered where seen.insert(reference.name).inserted {
                names.append(reference.name)
            }
        }
        return names
    }

    func write(
        _ files: [String], _ checked: [Checked?], from sourceFolder: OpenFolder,
        into folder: String, folders: [String], resolver: ValueResolver,
        counter: ProgressCounter?
    ) throws(RenderError) -> Summary {
        try Self.makeFolders(for: files, and: folders, under: folder)
        let placeholders = try Self.onAllCores(files.count) { index throws(RenderError) in
            defer { counter?.advance() }
            return try write(
                files[index], checked[index], from: sourceFolder, into: folder, resolver: resolver)
        }
        var summary = Summary()
        for count in placeholders {
            if let count {
                summary.rendered += 1
                summary.placeholders += count
            } else {
                summary.copied += 1
            }
        }
        return summary
    }

    /// Writes `file` under `folder`: rendered (a process file, handed to `visit` too) or as
    /// it is (any other file). Returns the number of placeholders rendered, nil for a
    /// copied file. The rendered bytes live in a ``WipedArray`` and are gone, wiped, when
    /// this returns.
    func write(
        _ file: String, _ checked: Checked?, from sourceFolder: OpenFolder, into folder: String,
        resolver: ValueResolver, visit: (ProcessDocument, WipedArray<UInt8>) -> Void = { _, _ in }
    ) throws(RenderError) -> Int? {
        var bytes: [UInt8]
        if let kept = checked?.bytes {
            bytes = kept
        } else {
            do {
                bytes = try FileReader.read(
                    file, beneath: sourceFolder, limit: ProcessFolder.maximumFileSize)
            } catch {
                if checked == nil { throw .output(error) }
                throw .input(
                    ProcessFolderError(
                        .unreadableFile, path: file, reason: error.reason,
                        advice: error.pathLengthHint))
            }
        }
        guard let checked else {
            try bytes.withUnsafeBufferPointer { buffer throws(RenderError) in
                try store(UnsafeRawBufferPointer(buffer), file, into: folder)
            }
            return nil
        }
        var document = checked.document
        if checked.bytes == nil, fingerprint(bytes) != checked.fingerprint {
            document = try recheck(file, in: sourceFolder, &bytes, resolver)
        }
        let rendered = try DocumentRenderer.render(bytes, document, resolver: resolver)
        visit(document, rendered)
        try rendered.withUnsafeBytes { raw throws(RenderError) in
            try store(raw, file, into: folder)
        }
        return document.references.count
    }

    /// Creates, under the new, private `folder`, every folder that `files` lie in and each
    /// of `folders` (the source's, empty ones too), so that writing the files on all cores
    /// needs no look-up of its own: one level at a time, parents first, each level's folders
    /// on all cores (creating a file or folder is mostly kernel time, and it scales with
    /// the cores, even in one parent folder). Paths are split and told apart by their bytes
    /// (see `PathNames.swift`): two folders whose names differ only in how an accent is
    /// encoded are two folders.
    static func makeFolders(
        for files: [String], and folders: [String] = [], under folder: String
    ) throws(RenderError) {
        for level in folderLevels(of: files, and: folders) {
            _ = try onAllCores(level.count) { index throws(RenderError) in
                do throws(FileError) {
                    try FileTree.makeFolder(folder + "/" + level[index], mode: 0o700)
                } catch { throw .output(error) }
            }
        }
    }

    /// The folders that `files` lie in, and `folders` themselves, by depth: the top
    /// folders first, then the folders in them, and so on; each folder once, in order of
    /// first use.
    static func folderLevels(of files: [String], and folders: [String] = []) -> [[Substring]] {
        var made: Set<[UInt8]> = [[]]
        var levels: [[Substring]] = []
        func add(_ folder: Substring) {
            var missing: [Substring] = []
            var current: Substring? = folder
            while let path = current, made.insert(Array(path.utf8)).inserted {
                missing.append(path)
                current = path.pathParent
            }
            for path in missing.reversed() {
                let depth = path.utf8.count { $0 == UInt8(ascii: "/") }
                while levels.count <= depth { levels.append([]) }
                levels[depth].append(path)
            }
        }
        for file in files {
            if let parent = file[...].pathParent { add(parent) }
        }
        for folder in folders { add(folder[...]) }
        return levels
    }

    /// Writes `bytes` as `file` under the private temporary `folder`, whose folders
    /// ``makeFolders(for:under:)`` made: a new file, without a temporary file and fsync of
    /// its own, as the folder is renamed into place whole.
    // Limitation: creating the files is most of a folder render (1,000 inputs: `cp -r`
    // alone takes 42 ms, the render 49), so render is 2.8x, not the 4x of issue 6, faster
    // than a Python script that must create them too (README, Performance).
    // Limitation: no fsync per output file; a power loss right after a render can leave
    // empty files in the output (render again). Vault files are always fsynced.
    func store(
        _ bytes: UnsafeRawBufferPointer, _ file: String, into folder: String
    ) throws(RenderError) {
        do { try FileTree.writeNewFile(bytes, to: folder + "/" + file, mode: 0o600) } catch {
            throw .output(error)
        }
    }

    /// A file that changed after the check pass: read and checked again.
    private func recheck(
        _ file: String, in sourceFolder: OpenFolder, _ bytes: inout [UInt8],
        _ resolver: ValueResolver
    ) throws(RenderError) -> ProcessDocument {
        let loaded = try read(file, in: sourceFolder)
        let problems = DocumentRenderer.problems(in: loaded.document, exists: resolver.exists)
        guard problems.isEmpty else { throw .blocked(problems) }
        bytes = loaded.bytes
        return loaded.document
    }

    func read(
        _ file: String, in sourceFolder: OpenFolder
    ) throws(RenderError) -> (bytes: [UInt8], document: ProcessDocument) {
        do {
            var loaded = try ProcessFolder.load(
                root: source, relativePath: file, folder: sourceFolder)
            loaded.document.prefixPaths(with: displayPrefix)
            return loaded
        } catch {
            throw .input(error)
        }
    }

    private func fingerprint(_ bytes: [UInt8]) -> Int {
        var hasher = Hasher()
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        hasher.combine(bytes.count)
        return hasher.finalize()
    }

    /// `work(0..<count)` on all cores; the results in index order, or the error of the
    /// lowest failing index, so messages do not depend on scheduling. When that error is
    /// ``RenderError/blocked(_:)``, the findings of every blocked index come with it.
    static func onAllCores<Value>(
        _ count: Int, _ work: @Sendable (Int) throws(RenderError) -> Value
    ) throws(RenderError) -> [Value] {
        let slots = ResultSlots<Result<Value, RenderError>>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.set(index) { Result { () throws(RenderError) in try work(index) } }
        }
        // Each slot holds a Result, so reading them cannot throw.
        return try combined((try? slots.values()) ?? [])
    }

    /// The values of `results`, or the first failure; a first failure that is `blocked`
    /// gathers the findings of every blocked result, so one run reports every file.
    static func combined<Value>(
        _ results: [Result<Value, RenderError>]
    ) throws(RenderError) -> [Value] {
        var values: [Value] = []
        var blocked: [Finding]?
        for result in results {
            switch (result, blocked) {
            case (.success(let value), _): values.append(value)
            case (.failure(.blocked(let findings)), let found): blocked = (found ?? []) + findings
            case (.failure(let error), nil): throw error
            case (.failure, .some): continue
            }
        }
        if let blocked { throw .blocked(blocked) }
        return values
    }
}

/// A number of bytes that threads take from until it runs out; each take is all or nothing.
final class ByteBudget: @unchecked Sendable {
    private var left: Int
    private let lock = Mutex()

    init(_ bytes: Int) { left = bytes }

    /// True, and `count` bytes fewer left, when `count` bytes are left.
    func take(_ count: Int) -> Bool {
        lock.withLock {
            guard count <= left else { return false }
            left -= count
            return true
        }
    }
}
