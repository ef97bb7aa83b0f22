using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TmuxAgent.Core.Projections.Snapshots;

/// <summary>Encodes snapshot states as their SHA-256 followed by their JSON, so a damaged snapshot (a torn write, a
/// flipped bit, a hand edit) is recognised and never trusted.</summary>
public static class SnapshotCodec
{
    private const int HashLength = 32;

    /// <summary>The bytes stored for <paramref name="value"/>.</summary>
    public static byte[] Encode<T>(T value, JsonTypeInfo<T> type)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, type);
        var data = new byte[HashLength + json.Length];
        SHA256.HashData(json, data.AsSpan(0, HashLength));
        json.CopyTo(data, HashLength);
        return data;
    }

    /// <summary>The value held in <paramref name="data"/>, or false with why it cannot be trusted.</summary>
    public static bool TryDecode<T>(byte[] data, JsonTypeInfo<T> type, out T? value, out string why)
    {
        value = default;
        if (data.Length <= HashLength) { why = $"only {data.Length} bytes"; return false; }
        var json = data.AsSpan(HashLength);
        Span<byte> hash = stackalloc byte[HashLength];
        SHA256.HashData(json, hash);
        if (!hash.SequenceEqual(data.AsSpan(0, HashLength))) { why = "checksum mismatch (the data is damaged)"; return false; }
        try
        {
            value = JsonSerializer.Deserialize(json, type);
            why = value is null ? "null data" : "";
            return value is not null;
        }
        catch (JsonException e)
        {
            why = "unreadable JSON: " + e.Message;
            return false;
        }
    }
}
