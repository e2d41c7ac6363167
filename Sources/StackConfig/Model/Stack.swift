/// A loaded, validated stack: everything the engine needs from the user's files.
public struct Stack: Sendable {
    public var name: String
    /// The directory as given on the command line.
    public var directory: String
    /// The stack files read, as paths relative to the working directory, sorted.
    public var files: [String]
    /// Resolved variable values (sensitive ones wrapped in `.sensitive`).
    public var variables: [String: Value]
    /// Resources sorted by address.
    public var resources: [ResourceConfig]
    public var outputs: [OutputConfig]
    public var graph: DependencyGraph
    private var index: [ResourceAddress: Int]
    /// What the loader was asked to keep alive with the stack (`StackLoader.keepsSourceTrees`).
    var keptAlive: (any AnyObject & Sendable)?

    public init(name: String, directory: String, files: [String], variables: [String: Value],
                resources: [ResourceConfig], outputs: [OutputConfig], graph: DependencyGraph) {
        self.name = name
        self.directory = directory
        self.files = files
        self.variables = variables
        self.resources = resources.sorted { $0.address < $1.address }
        self.outputs = outputs.sorted { $0.name < $1.name }
        self.graph = graph
        self.index = Dictionary(self.resources.enumerated().map { ($1.address, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public subscript(address: ResourceAddress) -> ResourceConfig? {
        index[address].map { resources[$0] }
    }
}
