import ReveilleCLI

@main
enum Reveille {
    static func main() async {
        #if os(Linux)
        // One malloc arena: glibc's default of up to 8 per core keeps freed memory of every thread's
        // arena resident, a large share of this service's memory at hotel size (docs/PERFORMANCE.md).
        _ = glibcMallopt(glibcArenaMax, 1)
        #endif
        // The async entry point of AsyncParsableCommand (the sync overload would be chosen otherwise).
        let run: () async -> Void = ReveilleCommand.main
        await run()
    }
}

#if os(Linux)
/// `M_ARENA_MAX` of glibc's `<malloc.h>`, which the Glibc module does not export.
private let glibcArenaMax: Int32 = -8

@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
