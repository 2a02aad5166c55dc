import ArgumentParser
import Foundation
import PBXProtocol

/// The options every client command shares: where the service is, the token, `--json`.
struct ClientOptions: ParsableArguments {
    static let defaultURL = "http://127.0.0.1:8080"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Base URL of the Reveille service (default: $REVEILLE_URL, else \(ClientOptions.defaultURL)).",
            valueName: "url"))
    var url: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Bearer token of the API (default: $REVEILLE_TOKEN). Prefer the variable: a --token shows in the process list.",
            valueName: "token"))
    var token: String?

    @Flag(name: .long, help: "Print the service's JSON reply as it came instead of tables.")
    var json = false

    init() {}

    /// The URL and token to use: the options, else the environment. Throws a usage error naming
    /// what is missing or malformed (never the token's value).
    func resolved(environment: [String: String]) throws -> ClientSettings {
        func nonEmpty(_ text: String?) -> String? {
            guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        let urlText = nonEmpty(url) ?? nonEmpty(environment["REVEILLE_URL"]) ?? Self.defaultURL
        guard let base = URL(string: urlText), let scheme = base.scheme?.lowercased(), ["http", "https"].contains(scheme),
            base.host?.isEmpty == false
        else {
            throw ValidationError("--url \"\(urlText)\" is not an http:// or https:// URL such as \(Self.defaultURL)")
        }
        guard let token = nonEmpty(token) ?? nonEmpty(environment["REVEILLE_TOKEN"]) else {
            throw ValidationError("no API token: give --token <token> or set REVEILLE_TOKEN (tokens are in the service's http.tokens)")
        }
        return ClientSettings(baseURL: base, token: token, json: json)
    }
}

/// Resolved client settings. Its description leaves the token out.
struct ClientSettings: Sendable, CustomStringConvertible, CustomReflectable {
    var baseURL: URL
    var token: String
    var json: Bool

    var description: String { "ClientSettings(url: \(baseURL.absoluteString), token: <redacted>, json: \(json))" }
    var customMirror: Mirror { Mirror(self, children: ["baseURL": baseURL, "token": "<redacted>", "json": json]) }
}

/// Where a command writes its standard output: the terminal, or a buffer in tests.
struct Output: Sendable {
    let write: @Sendable (String) -> Void

    /// Writes `text` and a newline.
    func line(_ text: String = "") { write(text + "\n") }

    /// Writes `text`, adding a newline unless it ends with one (and nothing when it is empty).
    func block(_ text: String) {
        guard !text.isEmpty else { return }
        write(text.hasSuffix("\n") ? text : text + "\n")
    }

    static let standard = Output { text in FileHandle.standardOutput.write(Data(text.utf8)) }
    static let standardError = Output { text in FileHandle.standardError.write(Data(text.utf8)) }

    /// Collects everything written (for tests).
    final class Buffer: Sendable {
        private let storage = Locked("")
        init() {}
        var text: String { storage.withLock { $0 } }
        var output: Output { Output { text in self.storage.withLock { $0 += text } } }
    }
}

/// A command that talks to the service. `run()` resolves the options, builds the client and calls
/// ``execute(_:output:)``; usage errors exit 2, API and connection errors exit 1, with the message
/// on standard error.
protocol ClientCommand: AsyncParsableCommand {
    var client: ClientOptions { get }
    /// `reveille wakeup set`, for the hint after a usage error.
    static var commandPath: String { get }
    func execute(_ api: APIClient, output: Output) async throws
}

extension ClientCommand {
    mutating func run() async throws {
        try await Self.report(commandPath: Self.commandPath) {
            let settings = try client.resolved(environment: ProcessInfo.processInfo.environment)
            try await execute(APIClient(baseURL: settings.baseURL, token: settings.token), output: .standard)
        }
    }

    /// Runs `body`, turning its errors into a message on `errors` (standard error) and the exit code.
    static func report(commandPath: String, errors: Output = .standardError, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as ValidationError {
            errors.line("Error: \(error.message)\n  See '\(commandPath) --help'.")
            throw ExitCode(2)
        } catch let error as any ClientFailure {
            errors.line("Error: \(error.message)")
            throw ExitCode(1)
        }
    }
}
