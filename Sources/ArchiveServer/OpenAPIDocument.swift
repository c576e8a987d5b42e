/// The OpenAPI 3.0 document of the API (`Sources/ArchiveServer/openapi.json`), served at
/// `/api/v1/openapi.json`.
enum OpenAPIDocument {
    static let bytes: [UInt8] = PackageResources.openapi_json
}
