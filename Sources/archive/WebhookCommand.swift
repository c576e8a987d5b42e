import ArchiveCore
import ArchiveEngines
import ArchiveWebhooks
import ArgumentParser
import Foundation

struct WebhookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook",
        abstract: "Register, list, stop and remove webhooks (as /api/v1/Webhook does).",
        discussion: """
            A webhook is sent chatsession.created, chatsession.changed and chatsession.deleted events \
            for the chats it subscribes to, as the reference sends them, by the server that serves the \
            archive (archive serve): signed with its secret when it has one, in the order the changes \
            were committed, at least once. Its target must be https:// and resolve to public \
            addresses (--allow-loopback admits loopback, as archive serve --allow-loopback-webhooks \
            does), and must answer the test event sent when it is registered with 200. A secret is \
            sealed with the same --key-file the server is given (--webhook-key-file) and never shown.
            """,
        subcommands: [Add.self, List.self, SetState.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a webhook, after its target answers the test event with 200.")

        @OptionGroup var database: ArchiveLocationOption
        @Option(help: "The webhook's name (WebhookName in its events).") var name: String
        @Option(name: .customLong("event"), help: ArgumentHelp("An event it is sent: chatsession.created, chatsession.changed or chatsession.deleted; repeat for several (default: all three).", valueName: "event"))
        var events: [String] = []
        @Option(help: ArgumentHelp("Where events are POSTed: an https:// URL.", valueName: "url")) var target: String
        @Flag(help: "Read a secret from the first line of standard input: events are then signed (X-SuperOffice-Signature).") var secretStdin = false
        @Option(help: ArgumentHelp("The file that seals secrets (at least 32 bytes): the server's --webhook-key-file.", valueName: "file")) var keyFile: String?
        @Flag(help: "Admit a target on a loopback address (for a local receiver).") var allowLoopback = false

        func validate() throws {
            for event in events where WebhookEvent(name: event) == nil {
                throw ValidationError("--event \(event) is not an event; the events are \(WebhookEvent.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            if secretStdin && keyFile == nil { throw ValidationError("--secret-stdin needs --key-file: a secret is kept only sealed.") }
        }

        func run() async throws {
            let secret = secretStdin ? try PasswordInput.read(fromStandardInput: true) : nil
            let sealed = try secret.map { try SecretSealer(keyFileContents: try ServeCommand.keyFile(keyFile!, option: "--key-file")).seal($0) }
            if let refusal = WebhookTargetPolicy(allowsLoopback: allowLoopback).refusal(of: target) { throw CommandError("--target: \(refusal)") }
            let now = QueryContext.currentTime()
            if let failure = await WebhookSender().test(WebhookDelivery(testOf: name, at: now, context: ""), to: target, secret: secret) {
                throw CommandError("--target: \(failure)")
            }
            let webhook = Webhook(
                name: name, events: events.isEmpty ? WebhookEvent.allCases : events.compactMap(WebhookEvent.init(name:)), targetURL: target,
                hasSecret: secret != nil, registered: now, registeredBy: nil)
            let id = try Archives.withDatabase(try database.location, .write) { try WebhookStore(database: $0).create(webhook, sealedSecret: sealed) }
            print("Registered webhook \(id) ('\(name)'): it is sent what changes from now on, by the server that serves the archive.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the webhooks and where their delivery stands.")

        @OptionGroup var database: ArchiveLocationOption

        func run() throws {
            let entries = try Archives.withDatabase(try database.location, .read) { database in
                let store = WebhookStore(database: database)
                return try store.all().map { ($0, try store.queueLength($0)) }
            }
            guard !entries.isEmpty else { return print("No webhooks.") }
            for (webhook, queue) in entries {
                let events = webhook.events.map(\.rawValue).joined(separator: ",")
                let success = webhook.lastSuccess.map(StoredDateTime.format) ?? "never"
                print("\(webhook.id)  \(webhook.name)  \(webhook.state.rawValue)  \(webhook.targetURL)  [\(events)]\(webhook.hasSecret ? "  signed" : "")")
                print("    position \(webhook.deliveredPosition), \(queue) waiting, \(webhook.consecutiveErrors) failed cycles in a row, last delivered \(success)"
                    + (webhook.lastErrorMessage.map { "; last error: \($0)" } ?? ""))
            }
        }
    }

    struct SetState: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-state", abstract: "Stop a webhook (its events wait), or set it active again (it goes on where it stopped).")

        @OptionGroup var database: ArchiveLocationOption
        @Argument(help: "The webhook's id.") var id: Int64
        @Argument(help: ArgumentHelp("Active or Stopped.", valueName: "state")) var state: String

        func run() throws {
            guard let wanted = Webhook.State(name: state), wanted != .tooManyErrors else { throw ValidationError("the state is Active or Stopped, not '\(state)'.") }
            try Archives.withDatabase(try database.location, .write) { database in
                let store = WebhookStore(database: database)
                guard let webhook = try store.load(id) else { throw CommandError("there is no webhook \(id)") }
                try store.update(webhook, state: wanted, sealedSecret: nil as String??, at: QueryContext.currentTime(), by: nil)
            }
            print("Webhook \(id) is \(wanted.rawValue).")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a webhook (the events waiting for it are dropped with it).")

        @OptionGroup var database: ArchiveLocationOption
        @Argument(help: "The webhook's id.") var id: Int64

        func run() throws {
            guard try Archives.withDatabase(try database.location, .write, { try WebhookStore(database: $0).delete(id) }) else {
                throw CommandError("there is no webhook \(id)")
            }
            print("Removed webhook \(id).")
        }
    }
}
