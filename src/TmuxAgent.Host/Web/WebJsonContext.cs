using System.Text.Json;
using System.Text.Json.Serialization;
using TmuxAgent.Host.Web.Dashboard;
using TmuxAgent.Host.Web.Portal;

namespace TmuxAgent.Host.Web;

/// <summary>Every JSON answer of the dashboard and the portal, generated at build time (no reflection, so the Native AOT
/// host serves the same bytes): snake_case names, as the original's pages and scripts read them.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DictionaryKeyPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OrchestratorView))]
[JsonSerializable(typeof(PendingList))]
[JsonSerializable(typeof(ProblemAnswer))]
[JsonSerializable(typeof(Portal.SignInCodeAnswer))]
[JsonSerializable(typeof(Portal.SignInAnswer))]
[JsonSerializable(typeof(ApprovalAnswer))]
internal sealed partial class WebJsonContext : JsonSerializerContext;
