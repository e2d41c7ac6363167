/// A per-item failure in a batch response (`DescribeClusters`, `RunTask`, ...).
public struct Failure: Codable, Sendable, Equatable {
    public var arn: String?
    public var reason: String
    public var detail: String?
    public init(arn: String?, reason: String, detail: String? = nil) { self.arn = arn; self.reason = reason; self.detail = detail }
}
