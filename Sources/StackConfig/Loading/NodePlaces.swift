import YAML

/// Finds where a dotted attribute path (`containers.0.ports.1.host`) was written, by walking
/// the resource's node. Used only when there is something to report, so decoding does not
/// have to record a place for every value.
struct NodePlaces {
    let node: Node
    /// The resource's key, the fallback for anything not written.
    let range: SourceRange

    /// Where `path` was written: a scalar's value, a block's or list's key, a list item's
    /// start. Nil when it was not written (a default).
    func written(_ path: String) -> SourceRange? {
        let (place, complete) = walk(path)
        return complete ? place : nil
    }

    /// Where `path` was written, else the deepest part of it that was, else the resource's key.
    func place(_ path: String) -> SourceRange { walk(path).place ?? range }

    private func walk(_ path: String) -> (place: SourceRange?, complete: Bool) {
        var current = node
        var place: SourceRange?
        for component in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .mapping(let pairs, _):
                guard let pair = pairs.first(where: { $0.key.scalarValue.map { $0 == component } ?? false }) else { return (place, false) }
                if case .scalar = pair.value { place = SourceRange(pair.value.mark) } else { place = SourceRange(pair.key.mark) }
                current = pair.value
            case .sequence(let items, _):
                guard let i = Int(component), items.indices.contains(i) else { return (place, false) }
                place = SourceRange(items[i].mark)
                current = items[i]
            case .scalar:
                return (place, false)
            }
        }
        return (place, true)
    }
}
