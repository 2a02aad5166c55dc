import ReveilleStore
import ServiceLifecycle

/// A service that works with the store, run with ``StoreExecutor/background`` as its task executor
/// preference: its planning and its waits for SQLite take those threads, never Swift's cooperative
/// pool, which the PBX link and HTTP need free.
struct OnStoreThreads: Service, CustomStringConvertible {
    let service: any Service

    init(_ service: any Service) {
        self.service = service
    }

    func run() async throws {
        try await withTaskExecutorPreference(StoreExecutor.background) { try await service.run() }
    }

    var description: String { "\(type(of: service))" }
}
