/// A YAML node with the place it came from. Mappings keep their source order.
///
/// Not `indirect`: the arrays already give the recursion its indirection, and an inline node
/// saves one heap box per node (a 10,000-resource stack has hundreds of thousands of them).
public enum Node: Sendable, Hashable {
    case scalar(Scalar)
    case sequence([Node], mark: Mark)
    case mapping([Pair], mark: Mark)

    /// A scalar's text, how it was written (plain, quoted, block) and its tag if any.
    ///
    /// The tag is interned (8 bytes, nothing to retain) and the mark is plain data, so copying
    /// a scalar retains only its text.
    public struct Scalar: Sendable, Hashable {
        public var value: String
        /// The tag, interned; nil when the scalar has none.
        public var tagName: Interned?
        public var mark: Mark
        public var style: Style

        public enum Style: UInt8, Sendable, Hashable { case plain, singleQuoted, doubleQuoted, literal, folded }

        /// The tag's text (`!!str`), if any.
        public var tag: String? {
            get { tagName?.string }
            set { tagName = newValue.map(Interned.init) }
        }

        public init(value: String, style: Style, tag: String? = nil, mark: Mark) {
            self.value = value
            self.style = style
            self.tagName = tag.map(Interned.init)
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
