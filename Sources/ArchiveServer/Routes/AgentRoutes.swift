import Hummingbird

/// `POST /api/v1/Agents/Archive/{method}`: the reference's archive agent (``AgentArchiveEndpoint``).
struct AgentRoutes {
    let service: ArchiveService
    let now: @Sendable () -> Int64

    func add(to api: RouterGroup<ArchiveRequestContext>) {
        api.post("Agents/Archive/{method}") { request, context in
            let name = try context.parameters.require("method")
            guard let withHeader = AgentArchiveEndpoint.methods[name.lowercased()] else {
                throw APIError(
                    .notFound, "NotFound",
                    "the archive agent has no method '\(name)'; it has GetArchiveListByColumns, GetArchiveListByColumns2, GetArchiveListByColumnsWithHeader and GetArchiveListByColumnsWithHeader2",
                    source: "URL")
            }
            return try await AgentArchiveEndpoint.respond(
                to: request, withHeader: withHeader, caller: try context.authenticatedCaller(), service: service, now: now())
        }
    }
}
