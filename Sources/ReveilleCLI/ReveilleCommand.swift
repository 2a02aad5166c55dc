import ArgumentParser
import ReveilleApp

/// The `reveille` command: the service and the integrator tools.
public struct ReveilleCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reveille",
        abstract: "Hotel wake-up calls and Do-Not-Disturb on Guowei IP PBXs.",
        version: ReveilleVersion.current,
        subcommands: [
            ServeCommand.self, InitCommand.self, CheckCommand.self, BackupCommand.self, RestoreCommand.self, StatusCommand.self, WakeupCommand.self, GroupCommand.self, DNDCommand.self, RulesCommand.self, ResyncCommand.self,
            WakeupsCommand.self, AlertsCommand.self, AuditCommand.self, CDRsCommand.self, WhyCommand.self, UsersCommand.self,
            SimulateCommand.self, DecodeCommand.self, AlarmCommand.self, TraceCommand.self,
        ]
    )

    public init() {}
}
