/// One problem found in configuration, with where it is. Modelled on Terraform's tfdiags:
/// work goes on after a problem so a run reports all of them, not only the first.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var severity: Severity
    /// One sentence: what is wrong and, where possible, what to do.
    public var message: String
    /// The place the message is about; nil for problems with no source (a missing directory).
    public var subject: SourceRange?
    /// Further places worth showing ("first defined here").
    public var notes: [Note]

    public struct Note: Sendable, Hashable {
        public var message: String
        public var range: SourceRange
        public init(_ message: String, at range: SourceRange) {
            self.message = message
            self.range = range
        }
    }

    public init(_ severity: Severity = .error, _ message: String, at subject: SourceRange?, notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.subject = subject
        self.notes = notes
    }

    public static func error(_ message: String, at subject: SourceRange?, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.error, message, at: subject, notes: notes)
    }
}
