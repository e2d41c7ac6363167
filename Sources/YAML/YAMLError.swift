/// A problem reading a YAML file, with the place it happened and what to do about it.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is.
    public var mark: Mark
    /// What is wrong and how to fix it, one sentence or two, without the place.
    public var message: String
    /// A second place the message refers to (the first definition of a duplicate key, the
    /// start of the construct libyaml was reading).
    public var related: Mark?

    public init(mark: Mark, message: String, related: Mark? = nil) {
        self.mark = mark
        self.message = message
        self.related = related
    }

    /// `file:line:column: message`, the form editors and CI logs link to.
    public var description: String { "\(mark): \(message)" }
}
