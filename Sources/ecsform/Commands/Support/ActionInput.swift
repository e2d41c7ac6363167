import ArgumentParser
import Foundation
import Orchestrator

/// `--cli-input-json` (a JSON string or `file://PATH`), and the conversions from option
/// text to request JSON that every action command shares.
struct ActionInput: ParsableArguments {
    @Option(name: .customLong("cli-input-json"), help: "The whole request as JSON, or file://PATH. Options given on the command line override its members.")
    var cliInputJSON: String?

    /// The request members from `--cli-input-json`, or none.
    func base() throws -> [String: JSONValue] {
        guard let cliInputJSON else { return [:] }
        let value = try Self.parseJSON(Self.read(cliInputJSON, option: "--cli-input-json"), option: "--cli-input-json")
        guard case .object(let o) = value else {
            throw ValidationError("--cli-input-json must be a JSON object.")
        }
        return o
    }

    /// A string option; `file://PATH` reads the file (as `aws` does).
    static func text(_ s: String) throws -> JSONValue { .string(try read(s, option: "")) }

    /// A structure option: JSON, `file://PATH`, or shorthand `k=v,k2=v2` (nested `k={a=1}`).
    static func structure(_ s: String, option: String) throws -> JSONValue {
        let text = try read(s, option: option).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("{") || text.hasPrefix("[") { return try parseJSON(text, option: option) }
        return try Shorthand.parse(text, option: option)
    }

    /// A list option: one JSON list, or one structure per argument.
    static func list(_ items: [String], option: String) throws -> JSONValue {
        if items.count == 1 {
            let v = try structure(items[0], option: option)
            if case .array = v { return v }
            return .array([v])
        }
        return .array(try items.map { try structure($0, option: option) })
    }

    static func read(_ s: String, option: String) throws -> String {
        guard s.hasPrefix("file://") else { return s }
        let path = String(s.dropFirst("file://".count))
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("\(option.isEmpty ? "" : option + ": ")cannot read \(path).")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func parseJSON(_ text: String, option: String) throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw ValidationError("\(option): not valid JSON (\(error.localizedDescription)).")
        }
    }
}

/// The `aws` CLI's shorthand syntax: `key=value,key2=value2`, nested `key={a=1,b=2}`,
/// lists `key=[a,b]`. Numbers and true/false become JSON numbers and booleans.
enum Shorthand {
    static func parse(_ text: String, option: String) throws -> JSONValue {
        var chars = Array(text)[...]
        let v = try object(&chars, option: option, closing: nil)
        return v
    }

    private static func object(_ s: inout ArraySlice<Character>, option: String, closing: Character?) throws -> JSONValue {
        var out: [String: JSONValue] = [:]
        while let c = s.first, c != closing {
            var key = ""
            while let c = s.first, c != "=" { key.append(c); s.removeFirst() }
            guard s.first == "=" else { throw ValidationError("\(option): expected key=value, got '\(key)'.") }
            s.removeFirst()
            out[key.trimmingCharacters(in: .whitespaces)] = try value(&s, option: option, stop: [",", closing].compactMap { $0 })
            if s.first == "," { s.removeFirst() }
        }
        if let closing {
            guard s.first == closing else { throw ValidationError("\(option): missing '\(closing)'.") }
            s.removeFirst()
        }
        return .object(out)
    }

    private static func value(_ s: inout ArraySlice<Character>, option: String, stop: [Character]) throws -> JSONValue {
        if s.first == "{" { s.removeFirst(); return try object(&s, option: option, closing: "}") }
        if s.first == "[" {
            s.removeFirst()
            var items: [JSONValue] = []
            while let c = s.first, c != "]" {
                items.append(try value(&s, option: option, stop: [",", "]"]))
                if s.first == "," { s.removeFirst() }
            }
            guard s.first == "]" else { throw ValidationError("\(option): missing ']'.") }
            s.removeFirst()
            return .array(items)
        }
        var raw = ""
        while let c = s.first, !stop.contains(c) { raw.append(c); s.removeFirst() }
        return scalar(raw)
    }

    static func scalar(_ raw: String) -> JSONValue {
        if raw == "true" { return .bool(true) }
        if raw == "false" { return .bool(false) }
        if let i = Int(raw) { return .number(Double(i)) }
        return .string(raw)
    }
}
