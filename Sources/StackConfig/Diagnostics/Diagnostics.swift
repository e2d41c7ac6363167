/// An accumulating list of problems. Functions return `(value, Diagnostics)` rather than
/// throwing, so one run can report every problem in the stack.
public struct Diagnostics: Sendable, Hashable, Sequence {
    public private(set) var items: [Diagnostic] = []

    public init(_ items: [Diagnostic] = []) { self.items = items }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var isEmpty: Bool { items.isEmpty }
    public var count: Int { items.count }

    public mutating func append(_ d: Diagnostic) { items.append(d) }
    public mutating func append(contentsOf other: Diagnostics) { items.append(contentsOf: other.items) }
    public mutating func error(_ message: String, at range: SourceRange?, notes: [Diagnostic.Note] = []) {
        items.append(.error(message, at: range, notes: notes))
    }

    /// Sorted by file, line and column; problems without a place come first. Exact duplicates dropped.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return items.filter { seen.insert($0).inserted }.sorted { a, b in
            switch (a.subject, b.subject) {
            case (nil, nil): return a.message < b.message
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return x == y ? a.message < b.message : x < y
            }
        }
    }

    public func makeIterator() -> IndexingIterator<[Diagnostic]> { items.makeIterator() }
}
