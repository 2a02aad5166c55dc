import ReveilleCLI

@main
enum Reveille {
    static func main() async {
        // The async entry point of AsyncParsableCommand (the sync overload would be chosen otherwise).
        let run: () async -> Void = ReveilleCommand.main
        await run()
    }
}
