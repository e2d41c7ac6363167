internal import CYAML

/// Reads one YAML document into a `Node` tree with source marks, from libyaml's event stream.
///
/// Events rather than libyaml's document API: the tree is built once, in Swift, with an explicit
/// stack (no recursion per nesting level), and limits are checked as events arrive so a hostile
/// file stops at its first excess.
public enum YAMLParser {
    /// Parses `bytes` (UTF-8) as a single YAML document.
    ///
    /// - Parameter file: the name used in marks and errors.
    /// - Returns: the document's root, or nil for an empty file, one with only comments, or a
    ///   lone `---` with nothing under it.
    /// - Throws: `YAMLError` located at the first problem: syntax, encoding, a second document,
    ///   duplicate or non-scalar keys, merge keys, unknown tags, exceeded `limits`.
    public static func parse(_ bytes: [UInt8], file: String, limits: Limits = .default) throws(YAMLError) -> Node? {
        if bytes.count > limits.maxFileSize {
            throw YAMLError(
                mark: Mark(file: file, line: 1, column: 1, offset: 0),
                message: "file is \(bytes.count) bytes, more than the \(limits.maxFileSize)-byte limit; split it into several stack files"
            )
        }
        if bytes.isEmpty { return nil }
        let result: Result<Node?, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            var builder = TreeBuilder(source: SourceMap(bytes: buffer, file: file), limits: limits)
            do throws(YAMLError) {
                return .success(try builder.run())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// Drives libyaml and assembles the tree. One per parse.
///
/// Finished children wait on two shared stacks (`items` for sequences, `pairs` for mappings)
/// until their collection ends; the open collections are `frames`. Nothing recurses per
/// nesting level, so depth costs only `frames` entries, bounded by `Limits.maxDepth`.
struct TreeBuilder {
    private var source: SourceMap
    private let limits: Limits
    private var frames: [Frame] = []
    private let items = MoveStack<Node>()
    private let pairs = MoveStack<Node.Pair>()
    private var anchors: [String: Anchored] = [:]
    private var aliasNodes = 0
    private var root: Node?
    private var sawDocument = false

    /// A sequence or mapping being filled.
    private struct Frame {
        var isMapping: Bool
        var mark: Mark
        var anchor: String?
        /// Where this collection's children start in `items` or `pairs`.
        var start: Int
        /// Nodes in this subtree, itself included, to price aliases of it.
        var nodeCount = 1
        /// Levels of collections inside this one (0 if it holds only scalars), so an alias of
        /// it cannot nest the tree deeper than `Limits.maxDepth`.
        var innerHeight = 0
        /// A mapping's key waiting for its value.
        var pendingKey: Node?
        /// Key text → position in this mapping, built once it outgrows a linear scan.
        var keyIndex: [String: Int]?
        /// One bit per `keyBit` of the keys seen so far: a key whose bit is clear cannot be a
        /// duplicate, so small mappings scan their keys only on a bit collision.
        var keyBits: UInt64 = 0
    }

    private struct Anchored {
        var node: Node
        var nodeCount: Int
        /// Collection levels in the node: 0 for a scalar, 1 for a flat list, ...
        var height: Int
    }

    init(source: SourceMap, limits: Limits) {
        self.source = source
        self.limits = limits
    }

    mutating func run() throws(YAMLError) -> Node? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            throw YAMLError(mark: source.mark(byteOffset: 0), message: "libyaml could not allocate a parser (out of memory)")
        }
        defer { yaml_parser_delete(parser) }
        // Fixed UTF-8: character indexes then map to bytes uniformly (a BOM is one character),
        // and UTF-16 input is reported as invalid UTF-8 rather than silently transcoded.
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        guard let base = source.bytes.baseAddress else { return nil }
        yaml_parser_set_input_string(parser, base, source.bytes.count)

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) != 0 else {
                throw LibYAMLError.translate(parser.pointee, source: source)
            }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { break }
            try handle(&event)
        }
        if case .scalar(let s)? = root, s.style == .plain, s.tagName == nil, s.value.isEmpty { return nil }
        return root
    }

    private mutating func mark(_ m: yaml_mark_t) -> Mark {
        source.mark(line: Int(m.line), column: Int(m.column), index: Int(m.index))
    }

    private mutating func handle(_ event: inout yaml_event_t) throws(YAMLError) {
        switch event.type {
        case YAML_SCALAR_EVENT:
            let start = mark(event.start_mark)
            let data = event.data.scalar
            let length = Int(data.length)
            if length > limits.maxScalarLength {
                throw YAMLError(mark: start, message: "value is \(length) bytes, more than the \(limits.maxScalarLength)-byte limit for one scalar")
            }
            let value = data.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self) } ?? ""
            let tag = data.tag == nil ? nil : try Self.shortTag(data.tag, at: start, allowed: Self.scalarTags)
            let scalar = Node.Scalar(value: value, style: Self.style(data.style), tag: tag, mark: start)
            if tag != nil {
                _ = try scalar.coreValue()  // an explicit !!int etc. must hold what it claims
            }
            let anchor = data.anchor == nil ? nil : Self.string(data.anchor)
            let top = frames.count - 1
            if anchor == nil, top >= 0, frames[top].isMapping, frames[top].pendingKey == nil {
                // The common case, a mapping key: checked and stored without a detour.
                try checkKey(scalar, in: top)
                frames[top].pendingKey = .scalar(scalar)
                frames[top].nodeCount += 1
            } else {
                try add(.scalar(scalar), nodeCount: 1, height: 0, anchor: anchor)
            }

        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let start = mark(event.start_mark)
            if frames.count >= limits.maxDepth {
                throw YAMLError(mark: start, message: "nesting is deeper than \(limits.maxDepth) levels; flatten the structure")
            }
            let tag = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
            if tag != nil {
                _ = try Self.shortTag(tag, at: start, allowed: isMapping ? Self.mappingTags : Self.sequenceTags)
            }
            let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
            frames.append(Frame(
                isMapping: isMapping,
                mark: start,
                anchor: anchor == nil ? nil : Self.string(anchor),
                start: isMapping ? pairs.count : items.count
            ))

        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = frames.popLast() else { return }
            let node: Node
            if frame.isMapping {
                node = .mapping(pairs.popArray(from: frame.start), mark: frame.mark)
            } else {
                node = .sequence(items.popArray(from: frame.start), mark: frame.mark)
            }
            try add(node, nodeCount: frame.nodeCount, height: frame.innerHeight + 1, anchor: frame.anchor)

        case YAML_ALIAS_EVENT:
            let at = mark(event.start_mark)
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                if frames.contains(where: { $0.anchor == name }) {
                    throw YAMLError(mark: at, message: "alias `*\(name)` refers to a node that contains it; recursive aliases are not supported")
                }
                throw YAMLError(mark: at, message: "alias `*\(name)` has no anchor `&\(name)` above it; define the anchor first")
            }
            aliasNodes += anchored.nodeCount
            if aliasNodes > limits.maxAliasNodes {
                throw YAMLError(mark: at, message: "aliases expand to more than \(limits.maxAliasNodes) nodes (a \"billion laughs\" pattern?); use fewer or smaller aliases")
            }
            // The copy nests as deep as its anchor's node does, wherever it lands.
            if frames.count + anchored.height > limits.maxDepth {
                throw YAMLError(mark: at, message: "alias `*\(name)` nests the document deeper than \(limits.maxDepth) levels; flatten the structure")
            }
            try add(anchored.node, nodeCount: anchored.nodeCount, height: anchored.height, anchor: nil)

        case YAML_DOCUMENT_START_EVENT:
            if sawDocument {
                throw YAMLError(mark: mark(event.start_mark), message: "a stack file holds one YAML document; move what follows `---` into its own file")
            }
            sawDocument = true

        default:
            break  // stream start, document end
        }
    }

    /// Places a finished node in its parent (or as the root) and records its anchor.
    private mutating func add(_ node: Node, nodeCount: Int, height: Int, anchor: String?) throws(YAMLError) {
        if let anchor {
            anchors[anchor] = Anchored(node: node, nodeCount: nodeCount, height: height)
        }
        let top = frames.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        frames[top].nodeCount += nodeCount
        if height > frames[top].innerHeight { frames[top].innerHeight = height }
        if !frames[top].isMapping {
            items.push(node)
            return
        }
        if let key = frames[top].pendingKey.take() {
            pairs.push(Node.Pair(key: key, value: node))
            return
        }
        guard case .scalar(let key) = node else {
            throw YAMLError(mark: node.mark, message: "a mapping key must be plain text, not \(node.kindDescription); quote it or restructure")
        }
        try checkKey(key, in: top)
        frames[top].pendingKey = node
    }

    /// Refuses merge keys and duplicates in the mapping `frames[top]`.
    private mutating func checkKey(_ key: borrowing Node.Scalar, in top: Int) throws(YAMLError) {
        if key.style == .plain && key.tagName == nil && key.value == "<<" {
            throw YAMLError(mark: key.mark, message: "merge keys (`<<`) are not supported; write the keys out, or anchor and alias the whole mapping")
        }
        if let first = firstPlace(of: key.value, in: top) {
            throw YAMLError(
                mark: key.mark,
                message: "duplicate key `\(key.value)` (first defined at line \(first.line)); remove one of them",
                related: first
            )
        }
    }

    /// Where `key` already appears in the mapping, if it does, and records it otherwise.
    /// Keys compare by text, so `8080` and `"8080"` count as the same key: a stack file never
    /// means them differently. When a key arrives, every earlier key of the mapping is in a
    /// finished pair on `pairs` (from the frame's start up), so those are what is searched:
    /// small mappings by a scan, larger ones through a hash index built once.
    private mutating func firstPlace(of key: String, in top: Int) -> Mark? {
        let start = frames[top].start
        let count = pairs.count - start
        if frames[top].keyIndex == nil, count < 16 {
            let bit: UInt64 = 1 << Self.keyBit(key)
            if frames[top].keyBits & bit == 0 {
                frames[top].keyBits |= bit
                return nil
            }
            for i in 0..<count {
                let mark = pairs.withElement(at: start + i) { pair -> Mark? in
                    guard case .scalar(let s) = pair.key, s.value == key else { return nil }
                    return s.mark
                }
                if let mark { return mark }
            }
            return nil
        }
        if frames[top].keyIndex == nil {
            var index: [String: Int] = [:]
            index.reserveCapacity(64)
            for i in 0..<count {
                if let text = pairs.withElement(at: start + i, { $0.key.scalarValue }), index[text] == nil { index[text] = i }
            }
            frames[top].keyIndex = index
        }
        if let found = frames[top].keyIndex?[key] {
            return pairs.withElement(at: start + found) { $0.key.mark }
        }
        frames[top].keyIndex?[key] = count
        return nil
    }

    /// A cheap 6-bit digest of a key (length, first and last byte): equal keys share it.
    private static func keyBit(_ key: String) -> UInt64 {
        let utf8 = key.utf8
        let first = UInt64(utf8.first ?? 0), last = UInt64(utf8.last ?? 0)
        return (UInt64(truncatingIfNeeded: utf8.count) &* 31 &+ first &* 7 &+ last) & 63
    }

    // MARK: - Event fields

    private static let scalarTags: Set<String> = ["!!str", "!!int", "!!float", "!!bool", "!!null"]
    private static let mappingTags: Set<String> = ["!!map"]
    private static let sequenceTags: Set<String> = ["!!seq"]

    /// `tag:yaml.org,2002:int` → `!!int`; the non-specific `!` → `!!str`. Unknown tags are errors.
    private static func shortTag(_ raw: UnsafeMutablePointer<yaml_char_t>?, at mark: Mark, allowed: Set<String>) throws(YAMLError) -> String? {
        guard let raw = string(raw) else { return nil }
        let prefix = "tag:yaml.org,2002:"
        let short: String
        if raw == "!" {
            short = "!!str"
        } else if raw.hasPrefix(prefix) {
            short = "!!" + raw.dropFirst(prefix.count)
        } else {
            short = raw
        }
        guard allowed.contains(short) else {
            let known = allowed.sorted().joined(separator: ", ")
            throw YAMLError(mark: mark, message: "unknown tag `\(short)`; only \(known) are understood here — remove the tag")
        }
        return short
    }

    private static func style(_ s: yaml_scalar_style_t) -> Node.Scalar.Style {
        switch s {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }
}
