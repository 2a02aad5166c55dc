import ArgumentParser

/// The `reveille` command: the service and the integrator tools.
public struct ReveilleCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reveille",
        abstract: "Hotel wake-up calls and Do-Not-Disturb on Guowei IP PBXs.",
        subcommands: [
            ServeCommand.self, StatusCommand.self, WakeupCommand.self, GroupCommand.self, DNDCommand.self, ResyncCommand.self,
            SimulateCommand.self, DecodeCommand.self, AlarmCommand.self,
        ]
    )

    public init() {}
}
