import ArgumentParser
import Foundation
import ReveilleAPIContract

/// `reveille alerts`: missed wake-ups waiting for a person, and acknowledging them.
struct AlertsCommand: ClientCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List alerts (missed wake-ups), or acknowledge one with what you did.",
        discussion: """
            Examples:
              reveille alerts --open
              reveille alerts --acknowledge 12 --action "called the room" --note "guest is up"
            Actions: "called the room", "went to the room", "guest already up", "other".
            """
    )
    static let commandPath = "reveille alerts"

    @OptionGroup var client: ClientOptions
    @Flag(help: "Only alerts not yet acknowledged.") var open = false
    @Option(help: "Acknowledge the alert with this id.") var acknowledge: Int64?
    @Option(help: "What you did (with --acknowledge).") var action: String?
    @Option(help: "A note (with --acknowledge).") var note: String?

    func validate() throws {
        if acknowledge != nil, action == nil { throw ValidationError("--acknowledge needs --action, e.g. --action \"called the room\"") }
        if acknowledge == nil, action != nil || note != nil { throw ValidationError("--action and --note go with --acknowledge ID") }
    }

    var request: APIRequest {
        if let acknowledge {
            return .post(APIPath.api("alerts", String(acknowledge), "acknowledge"),
                         json: API.AlertAcknowledgement(action: action ?? "", note: note))
        }
        return .get(APIPath.query(APIPath.api("alerts"), [("open", open ? "true" : nil)]))
    }

    func execute(_ api: APIClient, output: Output) async throws {
        if client.json { return output.block(try await api.send(request).text) }
        if acknowledge != nil {
            let (alert, _) = try await api.send(request, as: API.Alert.self)
            return output.line("Alert #\(alert.id) acknowledged by \(alert.acknowledgedBy ?? "-"): \(alert.action ?? "-").")
        }
        let (alerts, _) = try await api.send(request, as: [API.Alert].self)
        guard !alerts.isEmpty else { return output.line(open ? "No open alerts." : "No alerts.") }
        output.block(TextTable.render(
            header: ["ID", "KIND", "ROOM", "MESSAGE", "ACKNOWLEDGED"],
            rows: alerts.map { ["#\($0.id)", $0.kind, $0.room, $0.message, $0.acknowledgedBy.map { "by \($0)" } ?? "open"] }))
    }
}
