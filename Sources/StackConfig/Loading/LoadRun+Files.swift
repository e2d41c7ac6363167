import YAML

extension LoadRun {
    /// Reads, parses and merges every stack file. False when there is nothing to go on.
    mutating func readFiles() -> Bool {
        switch FileSystem.kind(of: directory) {
        case .missing:
            diagnostics.error("stack directory `\(directory)` does not exist; give the directory holding your *.yaml stack files", at: nil)
            return false
        case .file, .other:
            diagnostics.error("`\(directory)` is a file, not a stack directory; give the directory that holds it", at: nil)
            return false
        case .directory:
            break
        }
        let names: [String]
        switch FileSystem.list(directory) {
        case .failure(let e):
            diagnostics.error("stack directory `\(directory)`: \(e.message)", at: nil)
            return false
        case .success(let n):
            names = n
        }
        let prefix: String
        if directory == "." || directory == "./" {
            prefix = ""
        } else {
            var d = directory
            while d.count > 1, d.hasSuffix("/") { d.removeLast() }
            prefix = d == "/" ? "/" : d + "/"
        }
        files = names
            .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }
            .map { prefix + $0 }
            .filter { FileSystem.isRegularFileOrLink($0) }
        if files.isEmpty {
            diagnostics.error("no stack files in `\(directory)`: a stack is a directory of *.yaml or *.yml files", at: nil)
            return false
        }
        let limits = self.limits
        // Files are independent until they are merged: parse them side by side, largest first,
        // so a big file starts early instead of running alone at the end while a core idles.
        let order = files.indices.map { ($0, FileSystem.size(files[$0])) }.sorted { $0.1 > $1.1 }.map(\.0)
        let unordered = Parallel.map(order.map { files[$0] }) { Self.parseFile($0, limits: limits, emptyIsError: true) }
        var parsed = [ParsedFile?](repeating: nil, count: files.count)
        for (k, i) in order.enumerated() { parsed[i] = unordered[k] }
        for (file, result) in zip(files, parsed) {
            guard let result else { continue }
            guard let root = take(result, file: file) else { continue }
            merge(root, file: file)
        }
        return true
    }

    /// What reading one file gave: its bytes, its tree, or the problems.
    struct ParsedFile: Sendable {
        var bytes: [UInt8]?
        var root: Node?
        var diagnostics = Diagnostics()
    }

    /// Parses one file; nil (with a diagnostic) when it cannot be read or parsed.
    mutating func parse(_ file: String, emptyIsError: Bool = true) -> Node? {
        take(Self.parseFile(file, limits: limits, emptyIsError: emptyIsError), file: file)
    }

    private mutating func take(_ result: ParsedFile, file: String) -> Node? {
        if let bytes = result.bytes { sources.add(file, bytes) }
        diagnostics.append(contentsOf: result.diagnostics)
        return result.root
    }

    static func parseFile(_ file: String, limits: Limits, emptyIsError: Bool) -> ParsedFile {
        var result = ParsedFile()
        let start = SourceRange(file: file, line: 1, column: 1)
        switch FileSystem.read(file, limit: limits.maxFileSize) {
        case .failure(let e):
            result.diagnostics.error(e.message, at: start)
            return result
        case .success(let b):
            result.bytes = b
        }
        do {
            result.root = try YAMLParser.parse(result.bytes ?? [], file: file, limits: limits)
            if result.root == nil, emptyIsError {
                result.diagnostics.error("the file is empty; write at least one section (`services:`, ...) or delete the file", at: start)
            }
        } catch {
            result.diagnostics.append(diagnostic(error))
        }
        return result
    }

    mutating func append(_ error: YAMLError) {
        diagnostics.append(Self.diagnostic(error))
    }

    static func diagnostic(_ error: YAMLError) -> Diagnostic {
        var notes: [Diagnostic.Note] = []
        if let related = error.related, related != error.mark {
            let what = error.message.hasPrefix("duplicate key") ? "first defined here" : "the construct began here"
            notes.append(Diagnostic.Note(what, at: SourceRange(related)))
        }
        return .error(error.message, at: SourceRange(error.mark), notes: notes)
    }

    /// Adds one file's sections to the stack, reporting names defined twice.
    mutating func merge(_ root: Node, file: String) {
        guard case .mapping(let pairs, _) = root else {
            diagnostics.error("a stack file must be a mapping of sections (\(Schemas.topLevelKeys.joined(separator: ", "))), found \(root.kindDescription)", at: SourceRange(root.mark))
            return
        }
        for pair in pairs {
            guard let key = pair.key.scalar else { continue }
            if key.value == "stack" {
                mergeStackName(pair.value, key: key)
                continue
            }
            guard Schemas.topLevelKeys.contains(key.value) else {
                let hint = Suggestions.hint(for: key.value, in: Schemas.topLevelKeys)
                let plural = Suggestions.hint(for: key.value + "s", in: Schemas.topLevelKeys)
                diagnostics.error("unknown section `\(key.value)`\(hint.isEmpty ? plural : hint)", at: SourceRange(key.mark))
                continue
            }
            if case .scalar(let s) = pair.value, s.style == .plain, s.value.isEmpty || s.value == "null" || s.value == "~" {
                continue  // an empty section
            }
            guard case .mapping(let entries, _) = pair.value else {
                diagnostics.error("`\(key.value)` must be a mapping of names to definitions, found \(pair.value.kindDescription)", at: SourceRange(pair.value.mark))
                continue
            }
            let what = Self.entryKind(key.value)
            let section = key.value
            // Appended in place: copying the section per file would be quadratic in files.
            if sections[section] == nil { sections[section] = [] }
            for entry in entries {
                guard let name = entry.key.scalar else { continue }
                if !NameRules.isValidName(name.value) {
                    diagnostics.error(NameRules.invalidKeyMessage(name.value, what: what), at: SourceRange(name.mark))
                    continue
                }
                if let firstMark = firstPlaces[section]?[name.value] {
                    let first = SourceRange(firstMark)
                    diagnostics.error(
                        "\(what) `\(name.value)` is defined twice: here and at \(first); remove or rename one",
                        at: SourceRange(name.mark),
                        notes: [Diagnostic.Note("\(what) `\(name.value)` first defined here", at: first)])
                    continue
                }
                firstPlaces[section, default: [:]][name.value] = name.mark
                sections[section, default: []].append(Declaration(name: name.value, key: name, value: entry.value))
            }
        }
    }

    private mutating func mergeStackName(_ value: Node, key: Node.Scalar) {
        guard case .scalar(let s) = value, s.style != .plain || (try? s.coreValue()).map({ if case .string = $0 { true } else { false } }) == true,
              !s.value.isEmpty else {
            diagnostics.error("`stack` must be the stack's name as text", at: SourceRange(value.mark))
            return
        }
        if let first = stackName {
            diagnostics.error("`stack` is set twice: here and at \(first.range); keep one",
                              at: SourceRange(key.mark), notes: [Diagnostic.Note("first set here", at: first.range)])
            return
        }
        stackName = (s.value, SourceRange(key.mark))
    }

    static func entryKind(_ section: String) -> String {
        switch section {
        case "variables": return "variable"
        case "outputs": return "output"
        default: return ResourceType(section: section)?.name ?? section
        }
    }
}
