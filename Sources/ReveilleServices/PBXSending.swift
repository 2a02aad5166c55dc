import PBXLink
import PBXProtocol

/// What the push scheduler needs of the PBX link.
public protocol PBXSending: Sendable {
    /// Sends a Set and returns the PBX's reply (Success or Error).
    func send(_ command: PBXCommand) async throws(PBXLinkError) -> PBXReply
    /// The link's states from now on, starting with the current one.
    func states() -> AsyncStream<LinkState>
}

extension PBXLink: PBXSending {}
