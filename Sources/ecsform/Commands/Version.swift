/// The version `ecsform --version` prints.
enum ECSFormVersion {
    static let current = "0.1.0"
}
