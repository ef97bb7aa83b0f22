using System.Text.Json;
using System.Text.Json.Serialization;

namespace TmuxAgent.Host.Web.Dashboard.Branches;

/// <summary>The JSON of the branch page's APIs and of the event stream (snake_case; times as Unix seconds; absent fields
/// left out), generated at build time like <see cref="WebJsonContext"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(UnixSecondsConverter)])]
[JsonSerializable(typeof(BranchEventsAnswer))]
[JsonSerializable(typeof(PaneAnswer))]
[JsonSerializable(typeof(StreamEventData))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;

/// <summary>Times as Unix seconds with millisecond precision, as <c>/api/orchestrator</c> writes them.</summary>
public sealed class UnixSecondsConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(reader.GetDouble() * 1000));

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(OrchestratorView.Unix(value));
}
