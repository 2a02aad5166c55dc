import Foundation
import Logging
import ReveilleHTTP
import ServiceLifecycle
import UnixSignals

/// Re-reads the accounts (`http.tokens`, `http.usersFile`) on SIGHUP and puts them in force
/// without a restart: how an admin adds a person or rotates a secret. A configuration that no
/// longer reads keeps the accounts in force and logs every problem.
struct AccountsReloader: Service {
    let file: String?
    let tokens: TokenBook
    let logger: Logger

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await withGracefulShutdownHandler {
            for await _ in signals.cancelOnGracefulShutdown() {
                await reload()
            }
        } onGracefulShutdown: {}
    }

    /// Reads the configuration again and replaces the accounts.
    func reload() async {
        do {
            let configuration = try await ReveilleConfiguration.load(file: file)
            tokens.replace(with: configuration.tokens)
            logger.notice("accounts reloaded", metadata: [
                "accounts": "\(configuration.tokens.count)", "people": "\(configuration.tokens.map(\.description).joined(separator: ", "))",
            ])
        } catch let problems as ReveilleConfiguration.Problems {
            logger.error("accounts not reloaded: the configuration has problems; the accounts in force stay", metadata: [
                "problems": "\(problems.problems.joined(separator: "; "))",
            ])
        } catch {
            logger.error("accounts not reloaded; the accounts in force stay", metadata: ["error": "\(error)"])
        }
    }
}
