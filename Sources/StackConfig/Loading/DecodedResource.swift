/// A resource while the loader works on it: its config plus what later checks need.
struct DecodedResource {
    var config: ResourceConfig
    var type: ResourceType
    /// Every `${TYPE.NAME.ATTR}` in its attributes, with where each was written.
    var references: [Reference]
    /// Explicit `depends_on` entries, with where each was written.
    var dependsOn: [(address: ResourceAddress, range: SourceRange)]
    /// `lifecycle.ignore_changes` entries as written, with places.
    var ignoreChanges: [(path: String, range: SourceRange)]
    /// False when decoding failed: it still counts as declared, but rules are not run on it.
    var isComplete: Bool
    /// Where things were written, for the rules' messages.
    var places: NodePlaces?
}
