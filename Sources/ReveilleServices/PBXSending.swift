import PBXConsole
import PBXLink
import PBXProtocol

/// What the push scheduler needs of the PBX driver: the TCP link (§1–§5) or the console files (§6).
public protocol PBXSending: Sendable {
    /// Sends a Set and returns the PBX's reply (Success or Error).
    func send(_ command: PBXCommand) async throws(PBXLinkError) -> PBXReply
    /// The link's states from now on, starting with the current one.
    func states() -> AsyncStream<LinkState>
    /// The current state.
    var state: LinkState { get }
}

extension PBXLink: PBXSending {}

extension ConsoleFileDriver: PBXSending {}
