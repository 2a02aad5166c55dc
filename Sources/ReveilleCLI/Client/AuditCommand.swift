import ArgumentParser
import Foundation
import ReveilleAPIContract

/// `reveille audit`: who changed what, and every PBX exchange, by room and time.
struct AuditCommand: ClientCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the audit log of a room and/or a time range (admin).",
        discussion: """
            Every change (who: a person's account, the CSV import, the PMS socket, the scheduler) with \
            before and after, and every push to the PBX. Times are the hotel's wall clock, \
            yyyy-MM-ddTHH:mm. --csv exports it.

            Examples:
              reveille audit --room 1208 --since 2026-11-24T18:00
              reveille audit --since 2026-11-01T00:00 --until 2026-12-01T00:00 --csv > audit.csv
            """
    )
    static let commandPath = "reveille audit"

    @OptionGroup var client: ClientOptions
    @Option(help: "Only entries about this room.") var room: String?
    @Option(help: "From this hotel time, yyyy-MM-ddTHH:mm.") var since: String?
    @Option(help: "Before this hotel time, yyyy-MM-ddTHH:mm.") var until: String?
    @Flag(help: "Print CSV instead of a table.") var csv = false

    var request: APIRequest {
        .get(APIPath.query(APIPath.api("audit"), [("room", room), ("since", since), ("until", until), ("format", csv ? "csv" : nil)]))
    }

    func execute(_ api: APIClient, output: Output) async throws {
        if csv { return output.write(try await api.send(request).text) }  // CSV as sent: CRLF line ends
        if client.json { return output.block(try await api.send(request).text) }
        let (entries, _) = try await api.send(request, as: [API.AuditEntry].self)
        guard !entries.isEmpty else { return output.line("No audit entries.") }
        let time = ISO8601DateFormatter()
        output.block(TextTable.render(
            header: ["AT (UTC)", "ACTOR", "ACTION", "ENTITY", "ID", "AFTER"],
            rows: entries.map { [time.string(from: $0.at), $0.actor, $0.action, $0.entity, $0.entityID ?? "", String(($0.after ?? "").prefix(60))] }))
    }
}
