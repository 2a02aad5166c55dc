import Hummingbird
import ReveilleStore

/// Runs every route that may reach the database with a ``StoreExecutor`` as its task executor
/// preference: reads on ``StoreExecutor/reads``, writes on ``StoreExecutor/writes``. A request
/// that waits for SQLite (a lock another process holds, a large read) then blocks one of those
/// threads, never Swift's cooperative pool, so the answers that need no database (the PBX link,
/// the page's files, `/metrics`) come at once whatever the database is doing.
///
/// Deny by default here too: a route is off the cooperative pool unless it is on the short list
/// of those that never touch the store.
struct StoreThreads<Context: RequestContext>: RouterMiddleware {
    /// Routes (as matched) that never touch the store.
    let withoutDatabase: Set<String>
    /// How long a write may wait for a lock another process holds, from the request's arrival
    /// (``Store/withWriteDeadline(_:isolation:operation:)``): then it is answered `503 busy`, nothing done.
    var writePatience: Duration = .seconds(2)

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let route = context.endpointPath, withoutDatabase.contains(route) {
            return try await next(request, context)
        }
        if request.method == .get || request.method == .head {
            return try await withTaskExecutorPreference(StoreExecutor.reads) { try await next(request, context) }
        }
        return try await Store.withWriteDeadline(.now + writePatience) {
            try await withTaskExecutorPreference(StoreExecutor.writes) { try await next(request, context) }
        }
    }
}
