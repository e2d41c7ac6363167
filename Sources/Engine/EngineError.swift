/// A failure the CLI prints as `error: <message>`; the message says what to do where it can.
public struct EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
