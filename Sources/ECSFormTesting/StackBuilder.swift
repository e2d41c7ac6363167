import StackConfig

/// Builds `Stack` values by hand for tests (until and besides the loader): attributes as
/// `Value` trees, references with `StackBuilder.ref("service.web.arn")`, dependencies
/// derived from the references plus explicit `dependsOn`.
public struct StackBuilder: Sendable {
    public var name: String
    public var directory: String
    public var files: [String]
    public var variables: [String: Value]
    private var resources: [ResourceConfig] = []
    private var positions: [ResourceAddress: Int] = [:]
    private var outputs: [OutputConfig] = []

    public init(name: String = "test", directory: String = ".", files: [String] = [], variables: [String: Value] = [:]) {
        self.name = name
        self.directory = directory
        self.files = files
        self.variables = variables
    }

    /// `"service.web.arn"` as a whole-value reference.
    public static func ref(_ text: String) -> Value {
        .template(Template(parts: [.reference(reference(text))]))
    }

    /// A string with references: `interpolate("prefix-", ref: "cluster.main.name", "-suffix")`.
    public static func interpolate(_ parts: [Template.Part]) -> Value { .template(Template(parts: parts)) }

    public static func reference(_ text: String) -> Reference {
        let parts = text.split(separator: ".").map(String.init)
        precondition(parts.count >= 3, "a reference is TYPE.NAME.ATTRIBUTE")
        return Reference(address: ResourceAddress(type: parts[0], name: parts[1]), path: Array(parts[2...]),
                         range: SourceRange(file: "test.yaml", line: 1, column: 1))
    }

    @discardableResult
    public mutating func resource(_ address: String, _ attributes: [String: Value], dependsOn: [String] = [],
                                  lifecycle: Lifecycle = Lifecycle()) -> Self {
        guard let a = ResourceAddress(parsing: address) else { preconditionFailure("bad address \(address)") }
        var deps = Set(dependsOn.compactMap(ResourceAddress.init(parsing:)))
        for v in attributes.values { StackBuilder.collectReferences(v, into: &deps) }
        let config = ResourceConfig(address: a, attributes: attributes, dependencies: deps.sorted(),
                                    lifecycle: lifecycle, range: SourceRange(file: "test.yaml", line: resources.count + 1, column: 1))
        if let i = positions[a] {
            resources[i] = config
        } else {
            positions[a] = resources.count
            resources.append(config)
        }
        return self
    }

    @discardableResult
    public mutating func output(_ name: String, _ value: Value, sensitive: Bool = false) -> Self {
        var deps = Set<ResourceAddress>()
        StackBuilder.collectReferences(value, into: &deps)
        outputs.append(OutputConfig(name: name, value: value, sensitive: sensitive, dependencies: deps.sorted(),
                                    range: SourceRange(file: "test.yaml", line: 1, column: 1)))
        return self
    }

    @discardableResult
    public mutating func remove(_ address: String) -> Self {
        resources.removeAll { $0.address.description == address }
        positions = Dictionary(uniqueKeysWithValues: resources.enumerated().map { ($1.address, $0) })
        return self
    }

    public func build() -> Stack {
        var deps: [ResourceAddress: [ResourceAddress]] = [:]
        for r in resources { deps[r.address] = r.dependencies }
        let graph = DependencyGraph(nodes: resources.map(\.address), dependencies: deps)
        return Stack(name: name, directory: directory, files: files, variables: variables,
                     resources: resources, outputs: outputs, graph: graph)
    }

    static func collectReferences(_ v: Value, into out: inout Set<ResourceAddress>) {
        switch v {
        case .template(let t): for r in t.references { out.insert(r.address) }
        case .list(let xs): for x in xs { collectReferences(x, into: &out) }
        case .map(let m): for x in m.values { collectReferences(x, into: &out) }
        case .sensitive(let x): collectReferences(x, into: &out)
        default: break
        }
    }
}
