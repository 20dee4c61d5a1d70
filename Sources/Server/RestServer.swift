import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOPosix

/// The HTTP face of ``RestAPI``: a Hummingbird 2 server on one address (loopback unless told
/// otherwise), HTTP/1.1, bodies capped at the configuration's maximum, idle connections closed.
public struct RestServer: Sendable {
    public let api: RestAPI
    public var host: String
    public var port: Int
    /// A connection that sends nothing for this long is closed (slow or stuck clients).
    public var idleTimeout: Duration = .seconds(30)

    public init(api: RestAPI, host: String = "127.0.0.1", port: Int = 54321) {
        self.api = api
        self.host = host
        self.port = port
    }

    /// Makes the server's event loops Swift Concurrency's global executor, so a request's handler
    /// runs on the thread that read it instead of hopping to the cooperative pool and back (the
    /// largest per-request cost under load). Call once, from the main thread, before any task
    /// starts; returns false when the runtime does not allow it (the server then works as before).
    @discardableResult
    public static func useEventLoopsAsConcurrencyExecutor() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    /// Serves until the process is interrupted (SIGINT/SIGTERM end it gracefully).
    /// `onRunning` gets the port actually bound (useful with port 0).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let api = self.api
        let limit = api.database.configuration.maximumBodyBytes
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: limit)
            } catch is NIOTooManyBytesError {
                let e = RestError(status: 413, code: "54000", message: "request body exceeds \(limit) bytes")
                return RestServer.response(RestResponse.error(e))
            } catch {
                // A body cut short or a malformed chunk: the request, not its size, is at fault.
                return RestServer.response(RestResponse.error(RestError.badBody("the request body could not be read (\(error))")))
            }
            var headers: [(name: String, value: String)] = []
            for field in request.headers { headers.append((field.name.rawName, field.value)) }
            let exchange = RestRequest(method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
                                       headers: headers, body: Array(buffer: body))
            return RestServer.response(api.handle(exchange))
        }
        var logger = Logger(label: "chunkwise-serve")
        logger.logLevel = .warning
        let app = Application(
            responder: responder,
            server: .http1(configuration: .init(idleTimeout: .nanoseconds(idleTimeout.components.seconds * 1_000_000_000
                                                                          + idleTimeout.components.attoseconds / 1_000_000_000))),
            configuration: .init(address: .hostname(host, port: port), serverName: "chunkwise"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.runService()
    }

    static func response(_ r: RestResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in r.headers {
            if let n = HTTPField.Name(name) { fields.append(HTTPField(name: n, value: value)) }
        }
        return Response(status: HTTPResponse.Status(code: r.status), headers: fields,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: r.body)))
    }
}
