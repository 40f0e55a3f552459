import ArgumentParser
import Foundation
import Yams

/// `llmload run -f scenario.yaml`: a YAML mapping whose keys are `run`'s long options
/// (`qps: 20`, `max-tokens: 256` or `max_tokens: 256`, `stop: ["\n\n", "###"]`,
/// `no-stream: true`). The file's options go first and the command line's after them, so a
/// flag given on the command line overrides the file (the last value of an option wins).
///
/// Expanding into arguments, rather than decoding into a configuration, keeps one parser and
/// one set of checks and messages for both, and every new option works in files at once.
enum ScenarioFile {
    /// `arguments` (without the program name) with `-f FILE` / `--file FILE` after `run`
    /// replaced by the file's options. A file that cannot be used is a `ValidationError`: a bad
    /// option like any other (exit status 64).
    static func expand(_ arguments: [String]) throws -> [String] {
        guard arguments.first == "run",
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
        return ["run"] + (try options(path: path)) + rest.dropFirst()
    }

    /// The file's mapping as command-line options, in the file's order.
    static func options(path: String) throws -> [String] {
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
        var arguments: [String] = []
        for (key, value) in mapping {
            guard let name = key.string, !name.isEmpty else { throw ValidationError("\(path): a key is not a name") }
            let option = "--" + name.replacingOccurrences(of: "_", with: "-")
            switch value {
            case .scalar(let scalar):
                switch scalar.string.lowercased() {
                case "true", "yes", "on": arguments.append(option)
                case "false", "no", "off": continue
                default: arguments += [option, scalar.string]
                }
            case .sequence(let items):
                for item in items {
                    guard let text = item.string else {
                        throw ValidationError("\(path): \(name) must list plain values")
                    }
                    arguments += [option, text]
                }
            default:
                throw ValidationError("\(path): \(name) must be a value or a list of values")
            }
        }
        return arguments
    }
}
