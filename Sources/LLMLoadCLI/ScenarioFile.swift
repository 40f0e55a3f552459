import ArgumentParser
import Foundation
import Yams

/// `llmload run -f scenario.yaml`: a YAML mapping whose keys are `run`'s long options
/// (`qps: 20`, `max-tokens: 256` or `max_tokens: 256`, `stop: ["\n\n", "###"]`,
/// `no-stream: true`). The file's options go first and the command line's after them, so a
/// flag given on the command line overrides the file (the last value of an option wins).
///
/// `llmload sweep -f` reads the same file, plus the mapping under its `sweep:` key, whose keys
/// are `sweep`'s own options (`rates: 10-500`, `find: max-rate`); `run` leaves that key out,
/// and `sweep` leaves out the keys of `run`'s one load (`qps`, `concurrency`, `ramp`,
/// `fail-on-slo`, `trace` and its settings), which each point replaces.
///
/// Expanding into arguments, rather than decoding into a configuration, keeps one parser and
/// one set of checks and messages for both, and every new option works in files at once.
enum ScenarioFile {
    /// `arguments` (without the program name) with `-f FILE` / `--file FILE` after `run`
    /// replaced by the file's options. A file that cannot be used is a `ValidationError`: a bad
    /// option like any other (exit status 64).
    static func expand(_ arguments: [String]) throws -> [String] {
        guard let command = arguments.first.flatMap(Command.init(rawValue:)),
            let flag = arguments.firstIndex(where: { $0 == "-f" || $0 == "--file" || $0.hasPrefix("--file=") })
        else { return arguments }
        let path: String
        var rest = arguments
        if arguments[flag].hasPrefix("--file=") {
            path = String(arguments[flag].dropFirst("--file=".count))
            rest.remove(at: flag)
        } else {
            guard flag + 1 < arguments.count else { throw ValidationError("\(arguments[flag]) needs a file") }
            path = arguments[flag + 1]
            rest.removeSubrange(flag...flag + 1)
        }
        return [command.rawValue] + (try options(path: path, for: command)) + rest.dropFirst()
    }

    /// The keys of `run`'s single load, which `sweep -f` leaves out.
    static let runLoadKeys: Set<String> = [
        "qps", "rate", "concurrency", "ramp", "fail-on-slo", "fail_on_slo", "trace", "trace-speed", "trace_speed",
        "trace-window", "trace_window", "trace-block-tokens", "trace_block_tokens",
    ]

    /// The commands that read scenario files, and the options each accepts.
    enum Command: String {
        case run, sweep

        var names: OptionNames {
            switch self {
            case .run: OptionNames.run
            case .sweep: OptionNames.sweep
            }
        }
    }

    /// The file's mapping as command-line options, in the file's order.
    static func options(path: String, for command: Command = .run) throws -> [String] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read scenario \(path): \((error as NSError).localizedDescription)")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ValidationError("\(path) is not valid YAML: \(error)")
        }
        guard let mapping = node?.mapping else { throw ValidationError("\(path) must be a mapping of option: value") }
        return try options(mapping, path: path, for: command)
    }

    private static func options(_ mapping: Node.Mapping, path: String, for command: Command) throws -> [String] {
        var arguments: [String] = []
        for (key, value) in mapping {
            guard let name = key.string, !name.isEmpty else { throw ValidationError("\(path): a key is not a name") }
            // A run's one load; the sweep sets each point's, so the same file serves both.
            if command == .sweep, Self.runLoadKeys.contains(name) { continue }
            if name == "sweep" {
                guard let sweep = value.mapping else {
                    throw ValidationError("\(path): sweep must be a mapping of option: value")
                }
                if command == .sweep { arguments += try options(sweep, path: path, for: command) }
                continue
            }
            arguments += try self.arguments(
                name.replacingOccurrences(of: "_", with: "-"), value, path: path, names: command.names,
                command: command.rawValue)
        }
        return arguments
    }

    /// One key's arguments. Quoted YAML strings stay strings (`prompt: "No"` is the text "No").
    /// An unquoted YAML boolean (`true`, `false`, `yes`, `no`, `on`, `off`) switches a flag: `true`
    /// gives the flag, `false` its inversion (`unique-prompts: false` is
    /// `--no-unique-prompts`) or nothing for a flag that is off by default. A boolean for an
    /// option that takes a value, or a value for a flag, is an error naming the key.
    static func arguments(
        _ name: String, _ value: Node, path: String, names: OptionNames = .run, command: String = "run"
    ) throws -> [String] {
        let option = "--" + name
        let flags = names.flags
        guard flags.contains(name) || names.valued.contains(name) else {
            throw ValidationError("\(path): \(name) is not an option of llmload \(command)")
        }
        switch value {
        case .scalar(let scalar):
            if flags.contains(name) {
                guard let isOn = boolean(scalar) else {
                    throw ValidationError(
                        "\(path): \(name) is a switch: give true or false, not \(quoted(scalar.string))")
                }
                if isOn { return [option] }
                let inverse = name.hasPrefix("no-") ? String(name.dropFirst(3)) : "no-" + name
                return flags.contains(inverse) ? ["--" + inverse] : []
            }
            if boolean(scalar) != nil {
                throw ValidationError(
                    "\(path): \(name) takes a value, and \(scalar.string) reads as a YAML boolean: quote it (\(name): \"\(scalar.string)\") to mean the text"
                )
            }
            return [option, scalar.string]
        case .sequence(let items) where !flags.contains(name):
            return try items.flatMap { item -> [String] in
                guard case .scalar(let scalar) = item else {
                    throw ValidationError("\(path): \(name) must list plain values")
                }
                if boolean(scalar) != nil {
                    throw ValidationError(
                        "\(path): \(name) lists \(scalar.string), which reads as a YAML boolean: quote it to mean the text"
                    )
                }
                return [option, scalar.string]
            }
        default:
            throw ValidationError(
                "\(path): \(name) must be \(flags.contains(name) ? "true or false" : "a value or a list of values")")
        }
    }

    /// The value of an unquoted YAML 1.1 boolean; `nil` for anything else, quoted text included.
    static func boolean(_ scalar: Node.Scalar) -> Bool? {
        guard scalar.style == .plain || scalar.style == .any else { return nil }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    private static func quoted(_ text: String) -> String { "\"\(text)\"" }
}

/// The long names of a command's options, from ArgumentParser's own description of the
/// command, so every new option is known here at once.
struct OptionNames: Sendable {
    /// Options without a value (`--simulate`, `--unique-prompts`, `--no-unique-prompts`).
    let flags: Set<String>
    /// Options taking a value (`--qps 5`).
    let valued: Set<String>

    static let run = OptionNames(RunCommand.self)
    static let sweep = OptionNames(SweepCommand.self)

    init(_ command: any ParsableCommand.Type) {
        func names(kind: String) -> Set<String> {
            guard
                let object = try? JSONSerialization.jsonObject(with: Data(command._dumpHelp().utf8)) as? [String: Any],
                let command = object["command"] as? [String: Any],
                let arguments = command["arguments"] as? [[String: Any]]
            else { return [] }
            var result: Set<String> = []
            for argument in arguments where argument["kind"] as? String == kind {
                for name in argument["names"] as? [[String: Any]] ?? [] where name["kind"] as? String == "long" {
                    if let text = name["name"] as? String { result.insert(text) }
                }
            }
            return result
        }
        flags = names(kind: "flag")
        valued = names(kind: "option")
    }
}
