/// A YAML node with the place it came from. Mappings keep their source order.
///
/// Not `indirect`: the arrays already give the recursion its indirection, and an inline node
/// saves one heap box per node (a 10,000-resource stack has hundreds of thousands of them).
public enum Node: Sendable, Hashable {
    case scalar(Scalar)
    case sequence([Node], mark: Mark)
    case mapping([Pair], mark: Mark)

    /// A scalar's text, how it was written (plain, quoted, block) and its tag if any.
    public struct Scalar: Sendable, Hashable {
        public var value: String
        public var style: Style
        public var tag: String?
        public var mark: Mark

        public enum Style: Sendable, Hashable { case plain, singleQuoted, doubleQuoted, literal, folded }

        public init(value: String, style: Style, tag: String? = nil, mark: Mark) {
            self.value = value
            self.style = style
            self.tag = tag
            self.mark = mark
        }
    }

    /// One `key: value` entry of a mapping.
    public struct Pair: Sendable, Hashable {
        public var key: Node
        public var value: Node
        public init(key: Node, value: Node) {
            self.key = key
            self.value = value
        }
    }

    public var mark: Mark {
        switch self {
        case .scalar(let s): return s.mark
        case .sequence(_, let m), .mapping(_, let m): return m
        }
    }
}
