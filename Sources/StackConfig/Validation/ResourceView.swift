import YAML

/// A decoded resource as the rules see it: its attributes, and where things were written.
struct ResourceView {
    let config: ResourceConfig
    let places: NodePlaces

    var address: ResourceAddress { config.address }
    var attributes: [String: Value] { config.attributes }
    /// The resource's key.
    var range: SourceRange { config.range }

    /// Where `path` was written, or nil when it was left to its default.
    func written(_ path: String) -> SourceRange? { places.written(path) }
    /// Where `path` (or the nearest part of it) was written, else the resource's key.
    func place(_ path: String) -> SourceRange { places.place(path) }
}
