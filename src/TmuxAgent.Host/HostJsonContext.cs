using System.Text.Json.Serialization;
using TmuxAgent.Host.Decisions;

namespace TmuxAgent.Host;

/// <summary>JSON of the host's own small files and texts, generated at build time (the Native AOT host has no reflection-based serializer).</summary>
[JsonSerializable(typeof(PromptMetadata))]
[JsonSerializable(typeof(Dictionary<string, long>))]
internal sealed partial class HostJsonContext : JsonSerializerContext;
