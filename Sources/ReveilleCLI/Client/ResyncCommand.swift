import ArgumentParser
import Foundation

/// `reveille resync`: push everything to the PBX again.
struct ResyncCommand: ClientCommand {
    static let configuration = CommandConfiguration(
        commandName: "resync",
        abstract: "Forget what the PBX confirmed and push every room's state again (admin).",
        discussion: """
            For after the PBX was restored from a backup, replaced or changed by hand: Reveille stops \
            trusting what the PBX acknowledged and queues every room's wake-ups, DND, name and call \
            class again. The pushes are paced (1–2 s apart); follow them with `reveille status`. Needs \
            an admin token.

            Examples:
              REVEILLE_TOKEN=<admin token> reveille resync
              reveille resync --url http://10.0.0.5:8080 --token <admin token>
            """
    )
    static let commandPath = "reveille resync"

    @OptionGroup var client: ClientOptions

    static let request = APIRequest.post(APIPath.api("resync"))

    func execute(_ api: APIClient, output: Output) async throws {
        let reply = try await api.send(Self.request)
        if client.json { return output.block(reply.text) }
        output.line(
            "Resync started at \(api.displayURL): Reveille forgot what the PBX confirmed and queued every room's "
                + "state to be pushed again. Follow the outbox with `reveille status`.")
    }
}
