/// Convenience accessors, so the layer above reads `node["image"]?.scalarValue` instead of
/// switching over cases at every step.
extension Node {
    /// The scalar, if this node is one.
    public var scalar: Scalar? {
        if case .scalar(let s) = self { return s }
        return nil
    }

    /// The scalar's text, if this node is a scalar.
    public var scalarValue: String? { scalar?.value }

    /// The items, if this node is a sequence.
    public var sequenceItems: [Node]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    /// The entries in source order, if this node is a mapping.
    public var mappingPairs: [Pair]? {
        if case .mapping(let pairs, _) = self { return pairs }
        return nil
    }

    /// The value under a scalar key, if this node is a mapping that has it.
    public subscript(key: String) -> Node? {
        guard case .mapping(let pairs, _) = self else { return nil }
        for pair in pairs where pair.key.scalarValue == key { return pair.value }
        return nil
    }

    /// The item at `index`, if this node is a sequence that long.
    public subscript(index: Int) -> Node? {
        guard case .sequence(let items, _) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// "a mapping", "a list" or "a value", for messages like "expected a mapping, found a list".
    public var kindDescription: String {
        switch self {
        case .scalar: "a value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}
